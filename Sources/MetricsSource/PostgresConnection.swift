import Foundation
import Logging

/// One open libpq connection, used from one thread at a time.
///
/// Connects once (`connect(_:)` makes a single attempt; wrap it in
/// `RetryPolicy.run` to retry), forces `client_encoding=UTF8`, and applies the
/// statement timeout. Every query is parameterised (`PQexecParams`); every
/// failure becomes a `MetricsSourceError` naming the query and its SQLSTATE,
/// with the connection's secrets redacted.
public final class PostgresConnection {
    /// The settings this connection was opened with.
    public let settings: ConnectionSettings
    let handle: ConnectionHandle

    private init(settings: ConnectionSettings, handle: ConnectionHandle) {
        self.settings = settings
        self.handle = handle
    }

    /// Opens a connection (one attempt) and applies the statement timeout.
    ///
    /// - Throws: `MetricsSourceError.configuration` for an unreadable
    ///   connection string, a database that does not exist (SQLSTATE 3D000),
    ///   rejected credentials, or any failure that retrying cannot fix; `.unavailable` when the server refused, dropped or did not
    ///   answer the connection, or is starting up or shutting down.
    public static func connect(_ settings: ConnectionSettings) throws(MetricsSourceError) -> PostgresConnection {
        if !settings.dsn.isEmpty, case .failure(let failure) = LibPQ.parseConnectionString(settings.dsn) {
            throw .configuration(
                "The connection string is not valid: \(settings.redact(ConnectionFailure.keepingOnlyQuotedNames(failure.message))).")
        }
        var keywords = ["fallback_application_name"]
        var values = ["workbench"]
        let environment = ProcessInfo.processInfo.environment
        if environment["PGCONNECT_TIMEOUT"] == nil {
            keywords.append("connect_timeout")
            values.append("10")
        }
        keywords.append("dbname")
        values.append(settings.dsn)
        if let timeout = settings.connectTimeoutSeconds {
            keywords.append("connect_timeout")
            values.append(String(timeout))
        }
        keywords.append("client_encoding")
        values.append("UTF8")

        Logger(label: "workbench.metrics-source").debug("connecting", metadata: ["target": "\(settings.redactedDescription)"])
        guard let pointer = LibPQ.connect(keywords: keywords, values: values) else {
            throw .unavailable("libpq could not allocate a connection (out of memory).")
        }
        let handle = ConnectionHandle(pointer)
        try handle.withPointer { connection throws(MetricsSourceError) in
            guard LibPQ.isConnected(connection) else {
                throw ConnectionFailure.classify(
                    message: settings.redact(LibPQ.errorMessage(connection)),
                    usedPassword: LibPQ.connectionUsedPassword(connection),
                    needsPassword: LibPQ.connectionNeedsPassword(connection),
                    target: settings.redactedDescription)
            }
            LibPQ.routeNotices(connection)
        }
        let opened = PostgresConnection(settings: settings, handle: handle)
        if settings.statementTimeoutSeconds > 0 {
            _ = try opened.query("set statement timeout", "SELECT set_config('statement_timeout', $1, false)",
                                 ["\(settings.statementTimeoutSeconds)s"])
        }
        return opened
    }

    /// The server's version as an integer, e.g. 150018 for 15.18.
    public var serverVersion: Int { handle.withPointer { LibPQ.serverVersion($0) } }

    /// The server process serving this connection (its `pg_backend_pid()`).
    public var backendProcessID: Int { handle.withPointer { LibPQ.backendProcessID($0) } }

    /// `host:port/database as user` for logs and lineage; never the password.
    public var endpointDescription: String {
        handle.withPointer { connection in
            let endpoint = LibPQ.endpoint(connection)
            return "\(endpoint.host):\(endpoint.port)/\(endpoint.database) as \(endpoint.user)"
        }
    }

    /// Runs one parameterised statement (`$1`, `$2`, … bound as text; nil is NULL)
    /// and returns its rows as text.
    ///
    /// - Parameters:
    ///   - name: a short name for errors and logs ("find tenant metrics"); never a value.
    ///   - sql: the statement text; values go in `parameters`, never in `sql`.
    /// - Throws: `MetricsSourceError.queryFailed` with the SQLSTATE;
    ///   `.configuration` for SQLSTATEs that mean wrong settings (28xxx, 3D000,
    ///   3F000, 42501, 42P01); `.unavailable` when the connection was lost.
    @discardableResult
    public func query(_ name: String, _ sql: String, _ parameters: [String?] = []) throws(MetricsSourceError) -> QueryRows {
        let result = try execute(name, sql, parameters)
        var rows: [[String?]] = []
        rows.reserveCapacity(result.rowCount)
        for row in 0 ..< result.rowCount {
            rows.append((0 ..< result.columnCount).map { result.value(row: row, column: $0) })
        }
        return QueryRows(columns: (0 ..< result.columnCount).map(result.columnName), rows: rows,
                         affectedRows: result.affectedRows)
    }

    /// `text` as an escaped SQL string literal (`PQescapeLiteral`), for the one
    /// statement that cannot take bind parameters: `COPY (query) TO STDOUT`.
    ///
    /// - Throws: `MetricsSourceError.invalidRequest` for text holding a NUL
    ///   character (PostgreSQL text cannot store it); `.unavailable` if libpq
    ///   fails (the connection was lost).
    public func literal(_ text: String) throws(MetricsSourceError) -> String {
        guard !text.utf8.contains(0) else {
            throw .invalidRequest("A value contains a NUL character, which PostgreSQL text cannot hold.")
        }
        return try handle.withPointer { connection throws(MetricsSourceError) in
            guard let escaped = LibPQ.escapeLiteral(connection, text) else {
                throw .unavailable("libpq could not escape a value: \(settings.redact(LibPQ.errorMessage(connection))).")
            }
            return escaped
        }
    }

    /// Runs a statement and checks its status; the single place where result
    /// statuses become errors.
    func execute(_ name: String, _ sql: String, _ parameters: [String?],
                 expecting expected: ResultHandle.ExecStatus? = nil) throws(MetricsSourceError) -> ResultHandle
    {
        if let index = parameters.firstIndex(where: { $0?.utf8.contains(0) == true }) {
            throw .invalidRequest("Parameter \(index + 1) of query '\(name)' contains a NUL character, which PostgreSQL text cannot hold.")
        }
        return try handle.withPointer { connection throws(MetricsSourceError) in
            guard let pointer = LibPQ.execute(connection, sql, parameters: parameters) else {
                throw failure(name, result: nil)
            }
            let result = ResultHandle(pointer)
            switch result.status {
            case .failed:
                throw failure(name, result: result)
            case let status where expected != nil && status != expected:
                throw .malformedResponse(query: name, message: "expected \(expected!) but the server answered \(status).")
            default:
                return result
            }
        }
    }

    /// The error for a failed command: lost connection, wrong settings, or a failed query.
    func failure(_ name: String, result: ResultHandle?) -> MetricsSourceError {
        handle.withPointer { connection in
            let connectionMessage = settings.redact(LibPQ.errorMessage(connection))
            let message = result.map { settings.redact($0.errorMessage) } ?? connectionMessage
            let state = result?.sqlState ?? ""
            if !LibPQ.isConnected(connection) {
                let stateText = state.isEmpty ? "" : " (SQLSTATE \(state))"
                return .unavailable("The connection was lost during query '\(name)'\(stateText): \(message.isEmpty ? connectionMessage : message)")
            }
            if SQLState.isConfiguration(state) {
                return .configuration("query '\(name)' failed (SQLSTATE \(state)): \(message)")
            }
            return .queryFailed(query: name, sqlState: state.isEmpty ? "none" : state, message: message)
        }
    }
}

/// The rows of a query, as text (nil = SQL NULL).
public struct QueryRows: Sendable, Equatable {
    /// Column names, in select-list order.
    public let columns: [String]
    /// Row values as PostgreSQL's text output.
    public let rows: [[String?]]
    /// Rows inserted, updated or deleted, for commands that report it.
    public let affectedRows: Int
}
