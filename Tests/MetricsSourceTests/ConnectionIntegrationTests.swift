import Foundation
import MetricsSource
import DatabaseTestSupport
import Testing

extension DatabaseTests {
    @Suite("Connections")
    struct Connections {
        @Test("connects to the test server, runs a parameterised query, describes itself without the password",
              arguments: Backend.allCases)
        func smoke(backend: Backend) throws {
            let connection = try TestDatabase.connect(backend)
            #expect(connection.serverVersion >= 150_000)
            let rows = try connection.query("echo", "SELECT $1::text || '!', current_setting('client_encoding')", ["o'k"])
            #expect(rows.rows == [["o'k!", "UTF8"]])
            #expect(connection.endpointDescription.hasSuffix("/\(backend.database) as workbench"))
            #expect(!connection.endpointDescription.contains(try TestDatabase.password()))
        }

        @Test("a wrong password is a configuration error after exactly one attempt", arguments: Backend.allCases)
        func wrongPassword(backend: Backend) throws {
            let password = try TestDatabase.password()
            let wrong = "wrong-\(UUID().uuidString)"
            let dsn = try TestDatabase.dsn(backend).replacingOccurrences(of: ":\(password)@", with: ":\(wrong)@")
            let settings = try TestDatabase.settings(backend, dsn: dsn, retry: RetryPolicy(maxAttempts: 5, initialDelay: 0.01))
            var attempts = 0
            var retries = 0
            let error = #expect(throws: MetricsSourceError.self) {
                try settings.retry.run(onRetry: { _ in retries += 1 }) { _ throws(MetricsSourceError) in
                    attempts += 1
                    return try PostgresConnection.connect(settings)
                }
            }
            #expect(attempts == 1 && retries == 0)
            guard case .configuration(let message)? = error else {
                Issue.record("expected .configuration, got \(String(describing: error))")
                return
            }
            #expect(message.contains("rejected the credentials"))
            #expect(message.contains("password authentication failed"))
            #expect(!message.contains(wrong) && !message.contains(password))
            #expect(message.contains("password=<redacted>"))
            #expect(message.contains("(SQLSTATE 28P01)") && !message.contains("LOCATION"))
        }

        @Test("a database that does not exist is reported as such (3D000), once, without the password", arguments: Backend.allCases)
        func missingDatabase(backend: Backend) throws {
            let password = try TestDatabase.password()
            let dsn = try TestDatabase.dsn(backend).replacingOccurrences(of: "/\(backend.database)", with: "/no_such_db_\(backend)")
            let settings = try TestDatabase.settings(backend, dsn: dsn, retry: RetryPolicy(maxAttempts: 5, initialDelay: 0.01))
            var attempts = 0
            let error = #expect(throws: MetricsSourceError.self) {
                try settings.retry.run { _ throws(MetricsSourceError) in
                    attempts += 1
                    return try PostgresConnection.connect(settings)
                }
            }
            #expect(attempts == 1)
            guard case .configuration(let message)? = error else {
                Issue.record("expected .configuration, got \(String(describing: error))")
                return
            }
            #expect(message.contains("has no such database"), "\(message)")
            #expect(message.contains("database \"no_such_db_\(backend)\" does not exist (SQLSTATE 3D000)"), "\(message)")
            #expect(message.contains("dbname=no_such_db_\(backend)"), "\(message)")
            #expect(!message.contains("rejected the credentials") && !message.contains("LOCATION"), "\(message)")
            #expect(!message.contains(password) && message.contains("password=<redacted>"), "\(message)")
            #expect(!message.contains("\n"), "one line: \(message)")
        }

        @Test("an invalid connection option is named; the password still never appears", arguments: [
            ("host=127.0.0.1 port=PORT dbname=DB user=workbench password=PASSWORD foo=1", "invalid connection option \"foo\""),
            ("postgresql://workbench:PASSWORD@127.0.0.1:PORT/DB?bogus_option=1", "invalid URI query parameter: \"bogus_option\""),
            ("host=127.0.0.1 port=PORT dbname=DB user=workbench password=PASSWORD sslmode=bogus", "invalid sslmode value: \"bogus\""),
        ])
        func invalidOption(template: String, expected: String) throws {
            let password = try TestDatabase.password()
            let port = try TestDatabase.dsn(.postgres).components(separatedBy: "@127.0.0.1:")[1].components(separatedBy: "/")[0]
            for backend in Backend.allCases {
                let dsn = template.replacingOccurrences(of: "PASSWORD", with: password).replacingOccurrences(of: "PORT", with: port)
                    .replacingOccurrences(of: "DB", with: backend.database)
                let error = #expect(throws: MetricsSourceError.self) {
                    try PostgresConnection.connect(TestDatabase.settings(backend, dsn: dsn))
                }
                guard case .configuration(let message)? = error else {
                    Issue.record("expected .configuration, got \(String(describing: error))")
                    continue
                }
                #expect(message.contains(expected), "\(message)")
                #expect(!message.contains(password), "\(message)")
            }
        }

        @Test("no error text ever contains the password", arguments: [
            "postgresql://workbench:PASSWORD@127.0.0.1:1/workbench_test",
            "postgresql://workbench:PASSWORD@127.0.0.1:PORT/no_such_database",
            "postgresql://nobody:PASSWORD@127.0.0.1:PORT/workbench_test",
            "host=127.0.0.1 port=PORT dbname=workbench_test user=workbench password=PASSWORD sslmode=require",
            "host=127.0.0.1 port=PORT password=PASSWORD 'broken",
            "postgresql://workbench:PASSWORD@127.0.0.1:PORT/workbench_test?bogus_option=1",
            "host=127.0.0.1 port=PORT password=PASSWORD \"PASSWORD\"=1",
        ], Backend.allCases)
        func passwordNeverInErrors(template: String, backend: Backend) throws {
            let password = try TestDatabase.password()
            let port = try TestDatabase.dsn(backend).components(separatedBy: "@127.0.0.1:")[1].components(separatedBy: "/")[0]
            let dsn = template.replacingOccurrences(of: "PASSWORD", with: password).replacingOccurrences(of: "PORT", with: port)
                .replacingOccurrences(of: "/workbench_test", with: "/\(backend.database)")
                .replacingOccurrences(of: "dbname=workbench_test", with: "dbname=\(backend.database)")
            let settings = try TestDatabase.settings(backend, dsn: dsn, retry: RetryPolicy(maxAttempts: 2, initialDelay: 0.01))
            var logged: [String] = []
            let error = #expect(throws: MetricsSourceError.self) {
                try settings.retry.run(onRetry: { logged.append($0.description) }) { _ throws(MetricsSourceError) in
                    try PostgresConnection.connect(settings)
                }
            }
            for text in logged + [error?.description ?? "", settings.description, settings.redactedDescription] {
                #expect(!text.contains(password), "\(text)")
            }
        }

        @Test("sslmode=require is honoured: a server without SSL is refused as a configuration error", arguments: Backend.allCases)
        func sslModeRequire(backend: Backend) throws {
            let error = #expect(throws: MetricsSourceError.self) {
                try PostgresConnection.connect(TestDatabase.settings(backend, dsn: TestDatabase.dsn(backend) + "?sslmode=require"))
            }
            guard case .configuration(let message)? = error else {
                Issue.record("expected .configuration, got \(String(describing: error))")
                return
            }
            #expect(message.contains("SSL"))
        }

        @Test("a refused connection is retried, then reported as unavailable")
        func refusedIsTransient() throws {
            var retries = 0
            let settings = try TestDatabase.settings(.postgres,
                dsn: "postgresql://workbench@127.0.0.1:1/x", retry: RetryPolicy(maxAttempts: 3, initialDelay: 0.01))
            let error = #expect(throws: MetricsSourceError.self) {
                try settings.retry.run(onRetry: { _ in retries += 1 }) { _ throws(MetricsSourceError) in
                    try PostgresConnection.connect(settings)
                }
            }
            #expect(retries == 2)
            guard case .unavailable(let message)? = error else {
                Issue.record("expected .unavailable, got \(String(describing: error))")
                return
            }
            #expect(message.contains("Connection refused") && message.hasSuffix("(gave up after 3 attempts)"))
        }

        @Test("the statement timeout is applied and stops long queries with SQLSTATE 57014", arguments: Backend.allCases)
        func statementTimeout(backend: Backend) throws {
            var settings = try TestDatabase.settings(backend)
            settings.statementTimeoutSeconds = 1
            let connection = try PostgresConnection.connect(settings)
            #expect(try connection.query("show timeout", "SHOW statement_timeout").rows == [["1s"]])
            let error = #expect(throws: MetricsSourceError.self) {
                try connection.query("sleep", "SELECT pg_sleep(1.5)")
            }
            guard case .queryFailed(let query, let state, _)? = error else {
                Issue.record("expected .queryFailed, got \(String(describing: error))")
                return
            }
            #expect(query == "sleep" && state == "57014")
        }

        @Test("SQL errors carry the query name and SQLSTATE and are not retried", arguments: Backend.allCases)
        func badSQL(backend: Backend) throws {
            let connection = try TestDatabase.connect(backend)
            #expect(throws: MetricsSourceError.queryFailed(query: "broken", sqlState: "42601", message: "syntax error at or near \"SELEC\"")) {
                try connection.query("broken", "SELEC 1")
            }
        }
    }
}
