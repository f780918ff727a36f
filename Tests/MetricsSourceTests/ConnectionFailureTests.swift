@testable import MetricsSource
import Testing

/// How connection failures are classified and worded, from libpq messages
/// captured on PostgreSQL 15 (the integration tests check the same on a real server).
@Suite("Connection failure messages")
struct ConnectionFailureTests {
    static let target = "host=db port=5432 dbname=metrics user=wb password=<redacted>"

    @Test("verbose reports lose their SQLSTATE prefix and LOCATION, and list the SQLSTATEs at the end")
    func serverReport() {
        let report = ServerReport(
            "connection to server at \"db\" (10.0.0.1), port 5432 failed: FATAL:  3D000: database \"metrics\" does not exist LOCATION:  InitPostgres, postinit.c:948")
        #expect(report.sqlStates == ["3D000"])
        #expect(report.message == "connection to server at \"db\" (10.0.0.1), port 5432 failed: FATAL:  database \"metrics\" does not exist (SQLSTATE 3D000)")
        let plain = ServerReport("connection to server at \"db\", port 1 failed: Connection refused Is the server running?")
        #expect(plain.sqlStates.isEmpty && plain.message.hasSuffix("Is the server running?"))
    }

    @Test("3D000 is a missing database, never rejected credentials, even after a password was sent")
    func missingDatabase() {
        let error = ConnectionFailure.classify(
            message: "connection to server at \"db\", port 5432 failed: FATAL:  3D000: database \"metrics\" does not exist LOCATION:  InitPostgres, postinit.c:948",
            usedPassword: true, needsPassword: false, target: Self.target)
        guard case .configuration(let message) = error else {
            Issue.record("expected .configuration, got \(error)")
            return
        }
        #expect(message.hasPrefix("PostgreSQL (\(Self.target)) has no such database: "))
        #expect(message.contains("database \"metrics\" does not exist (SQLSTATE 3D000)"))
        #expect(!message.contains("credentials") && !message.contains("LOCATION"))
    }

    @Test("28P01 is rejected credentials; 57P03 and 53300 are worth retrying", arguments: [
        ("FATAL:  28P01: password authentication failed for user \"wb\"", false),
        ("FATAL:  57P03: the database system is starting up", true),
        ("FATAL:  53300: sorry, too many clients already", true),
    ])
    func classification(message: String, transient: Bool) {
        let error = ConnectionFailure.classify(message: message, usedPassword: !transient, needsPassword: false, target: Self.target)
        #expect(error.isTransient == transient, "\(error)")
        if !transient { #expect(error.description.contains("rejected the credentials")) }
    }

    @Test("parse errors keep quoted option names and hide every other quoted piece", arguments: [
        ("invalid connection option \"foo\"", "invalid connection option \"foo\""),
        ("invalid URI query parameter: \"bogus_option\"", "invalid URI query parameter: \"bogus_option\""),
        ("invalid percent-encoded token: \"s3cr%zz\"", "invalid percent-encoded token: \"…\""),
        ("missing \"=\" after \"pass word\" in connection info string", "missing \"…\" after \"…\" in connection info string"),
        ("unterminated \"quote", "unterminated \"…"),
    ])
    func quotedNames(message: String, expected: String) {
        #expect(ConnectionFailure.keepingOnlyQuotedNames(message) == expected)
    }
}
