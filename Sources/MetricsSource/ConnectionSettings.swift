import Foundation

/// How to reach PostgreSQL: a libpq connection string plus timeouts and the retry policy.
///
/// The connection string (`dsn`) is passed to libpq untouched, so every libpq
/// option works, `sslmode`/`sslrootcert` included. An empty `dsn` leaves
/// everything to libpq's defaults: the `PG*` environment variables
/// (`PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`, `PGPASSWORD`, `PGSSLMODE`, …) and
/// `~/.pgpass`. The password never leaves this type in text form:
/// `description`, `debugDescription`, reflection and `redactedDescription`
/// all show `password=<redacted>`.
public struct ConnectionSettings: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// A conninfo string (`host=… dbname=…`) or URI (`postgresql://user@host/db`);
    /// empty (the default) means libpq's environment variables and `~/.pgpass`.
    public var dsn: String
    /// Seconds libpq waits for a connection; nil (the default) keeps the DSN's
    /// `connect_timeout`, else `PGCONNECT_TIMEOUT`, else 10 s — long enough for a
    /// busy server, short enough that a scheduler learns about an outage quickly.
    public var connectTimeoutSeconds: Int?
    /// Server-side `statement_timeout` in seconds; 0 leaves the server's setting.
    /// Default 900 s: a 10-million-row pull takes seconds, so a quarter hour only
    /// stops runaway queries.
    public var statementTimeoutSeconds: Int
    /// How often and how patiently transient failures are retried.
    public var retry: RetryPolicy

    /// Settings for `dsn` with the documented defaults.
    public init(dsn: String = "", connectTimeoutSeconds: Int? = nil, statementTimeoutSeconds: Int = 900,
                retry: RetryPolicy = RetryPolicy())
    {
        self.dsn = dsn
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.statementTimeoutSeconds = statementTimeoutSeconds
        self.retry = retry
    }

    /// The connection string with secrets replaced by `<redacted>`, for logs and lineage,
    /// e.g. `host=127.0.0.1 port=5432 dbname=metrics user=workbench password=<redacted>`.
    public var redactedDescription: String {
        if dsn.trimmingTrailingNewlines().isEmpty {
            return "libpq defaults (PG* environment variables, ~/.pgpass)"
        }
        switch LibPQ.parseConnectionString(dsn) {
        case .failure:
            return "an unreadable connection string"
        case .success(let options):
            let order = ["host", "hostaddr", "port", "dbname", "user"]
            let sorted = options.sorted { a, b in
                (order.firstIndex(of: a.keyword) ?? order.count) < (order.firstIndex(of: b.keyword) ?? order.count)
            }
            return sorted.map { option in
                "\(option.keyword)=" + (option.isSecret ? "<redacted>" : quotedIfNeeded(option.value))
            }.joined(separator: " ")
        }
    }

    public var description: String { "ConnectionSettings(\(redactedDescription))" }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "dsn": redactedDescription,
            "connectTimeoutSeconds": connectTimeoutSeconds as Any,
            "statementTimeoutSeconds": statementTimeoutSeconds,
            "retry": retry,
        ])
    }

    /// `message` with every secret this configuration knows replaced by `<redacted>`:
    /// passwords parsed from the DSN, the raw password text of a URI or conninfo
    /// string (even an unparsable one), and `PGPASSWORD`.
    public func redact(_ message: String) -> String {
        var text = message
        for secret in secrets where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return text
    }

    /// Every secret string that could appear in a message, longest first so a
    /// password containing another is replaced whole.
    var secrets: [String] {
        var found: [String] = []
        if case .success(let options) = LibPQ.parseConnectionString(dsn) {
            found += options.filter(\.isSecret).map(\.value)
        }
        found += ConnectionSettings.rawPasswords(in: dsn)
        if let environment = ProcessInfo.processInfo.environment["PGPASSWORD"] {
            found.append(environment)
        }
        return Array(Set(found.filter { !$0.isEmpty })).sorted { $0.count > $1.count }
    }

    /// Password text as written in the DSN, found without libpq so that it is
    /// caught even when libpq cannot parse the string: the `user:PASSWORD@`
    /// part of a URI and the value of `password=` / `sslpassword=` in a conninfo
    /// string or URI query.
    static func rawPasswords(in dsn: String) -> [String] {
        var found: [String] = []
        if let scheme = dsn.range(of: "://") {
            let rest = dsn[scheme.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@") {
                let userInfo = authority[..<at]
                if let colon = userInfo.firstIndex(of: ":") {
                    found.append(String(userInfo[userInfo.index(after: colon)...]))
                }
            }
        }
        for keyword in ["password", "sslpassword"] {
            var searchStart = dsn.startIndex
            while let match = dsn.range(of: keyword, range: searchStart ..< dsn.endIndex) {
                searchStart = match.upperBound
                var cursor = match.upperBound
                while cursor < dsn.endIndex, dsn[cursor] == " " { cursor = dsn.index(after: cursor) }
                guard cursor < dsn.endIndex, dsn[cursor] == "=" else { continue }
                cursor = dsn.index(after: cursor)
                while cursor < dsn.endIndex, dsn[cursor] == " " { cursor = dsn.index(after: cursor) }
                let value: Substring
                if cursor < dsn.endIndex, dsn[cursor] == "'" {
                    let start = dsn.index(after: cursor)
                    let end = dsn[start...].firstIndex(of: "'") ?? dsn.endIndex
                    value = dsn[start ..< end]
                } else {
                    value = dsn[cursor...].prefix { $0 != " " && $0 != "&" }
                }
                found.append(String(value))
            }
        }
        return found
    }

    private func quotedIfNeeded(_ value: String) -> String {
        if !value.isEmpty, !value.contains(where: { $0 == " " || $0 == "'" || $0 == "\\" }) { return value }
        return "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
