import Testing
@testable import MetricsSource

@Suite("Connection settings and redaction")
struct ConnectionSettingsTests {
    static let password = "s3cr3t-P@ss'word"

    @Test("a URI's password is redacted in every description")
    func uriDescription() {
        let settings = ConnectionSettings(dsn: "postgresql://alice:s3cr3t-P%40ss'word@db.example:6543/metrics?sslmode=require")
        for text in [settings.description, settings.debugDescription, settings.redactedDescription,
                     String(describing: settings), String(reflecting: settings), "\(Mirror(reflecting: settings).children.map(\.value))"] {
            #expect(!text.contains("s3cr3t"), "\(text)")
        }
        #expect(settings.redactedDescription.contains("host=db.example port=6543 dbname=metrics user=alice"))
        #expect(settings.redactedDescription.contains("password=<redacted>"))
        #expect(settings.redactedDescription.contains("sslmode=require"))
    }

    @Test("a conninfo password, quoted or not, is redacted")
    func conninfoDescription() {
        for dsn in ["host=h user=u password='\(Self.password.replacingOccurrences(of: "'", with: "\\'"))' dbname=d",
                    "host=h password=plainsecret dbname=d"] {
            let settings = ConnectionSettings(dsn: dsn)
            #expect(!settings.redactedDescription.contains("s3cr3t") && !settings.redactedDescription.contains("plainsecret"))
            #expect(settings.redactedDescription.contains("password=<redacted>"))
        }
    }

    @Test("redaction removes the raw and decoded password from any message")
    func redactMessages() {
        let settings = ConnectionSettings(dsn: "postgresql://alice:pa%25ss-word-1@h/d")
        #expect(settings.redact("x pa%ss-word-1 y pa%25ss-word-1 z") == "x <redacted> y <redacted> z")
    }

    @Test("passwords are found even in strings libpq cannot parse")
    func rawPasswords() {
        #expect(ConnectionSettings.rawPasswords(in: "postgresql://u:hunter22@h:bad/d") == ["hunter22"])
        #expect(ConnectionSettings.rawPasswords(in: "host=h password = 'a b c' port") == ["a b c"])
        #expect(ConnectionSettings.rawPasswords(in: "postgresql://h/d?password=qq11&sslmode=x") == ["qq11"])
    }

    @Test("an unparsable connection string is refused without echoing it")
    func unparsable() {
        let dsn = "host=h password=hunter22 'unterminated"
        let error = #expect(throws: MetricsSourceError.self) { try PostgresConnection.connect(ConnectionSettings(dsn: dsn)) }
        guard case .configuration(let message)? = error else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
        #expect(message.hasPrefix("The connection string is not valid:"))
        #expect(!message.contains("hunter22"))
    }

    @Test("empty DSN is described as libpq's defaults")
    func emptyDSN() {
        #expect(ConnectionSettings().redactedDescription == "libpq defaults (PG* environment variables, ~/.pgpass)")
    }

    @Test("libpq's multi-line messages become one line")
    func oneLine() {
        #expect(LibPQ.oneLine("failed: Connection refused\n\tIs the server running?\n") == "failed: Connection refused Is the server running?")
    }
}

@Suite("SQL identifiers")
struct SQLIdentifierTests {
    @Test("plain identifiers are accepted and quoted", arguments: ["public", "_x", "Metrics_2026", String(repeating: "a", count: 63)])
    func accepted(name: String) throws {
        #expect(try SQLIdentifier(name).quoted == "\"\(name)\"")
    }

    @Test("anything else is refused, naming the value", arguments: [
        "", "1abc", "a-b", "a b", "a\"b", "a;drop", "é", String(repeating: "a", count: 64), "public.x",
    ])
    func refused(name: String) {
        #expect(throws: MetricsSourceError.configuration("The schema name '\(name)' is not accepted; expected 1 to 63 ASCII letters, digits or underscores, not starting with a digit.")) {
            try SQLIdentifier(name, role: "schema")
        }
    }
}
