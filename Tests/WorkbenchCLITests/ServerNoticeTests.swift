import DatabaseTestSupport
import Foundation
import MetricsSource
import Testing
import TestSupport

extension DatabaseTests {
    /// PostgreSQL's NOTICEs reach the command's log as swift-log records (`PostgresNotices`, logger
    /// `workbench.postgres`), never as libpq's raw `NOTICE:  …` text on stderr.
    @Suite("server notices")
    struct ServerNotices {
        @Test("a NOTICE raised while db seed loads is one swift-log record in JSON and a note in text; no raw libpq text",
              arguments: Backend.allCases)
        func noticeDuringSeed(backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("notice", backend)
            // A statement trigger on the incidents table, which `db seed` clears and loads on every run: the server
            // sends the NOTICE on the loader's own connection, in the middle of the real load.
            let connection = try TestDatabase.connect(backend)
            try connection.query("create notice function", """
                CREATE FUNCTION \(schema.schema.quoted).raise_load_notice() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE NOTICE 'workbench test notice on %', TG_TABLE_NAME; RETURN NULL; END $$
                """)
            try connection.query("create notice trigger", """
                CREATE TRIGGER load_notice AFTER INSERT ON \(schema.qualifiedIncidentsTable)
                FOR EACH STATEMENT EXECUTE FUNCTION \(schema.schema.quoted).raise_load_notice()
                """)
            let seed = ["db", "seed", "--schema", schema.schema.name, "--tenants", "1", "--days", "1", "--interval", "1h"]
            let environment = ["WORKBENCH_DSN": try TestDatabase.dsn(backend)]

            let json = try TestSupport.workbench(seed + ["--log-format", "json"], environment: environment)
            LogFormatTests.expectEnd(json, status: 0, command: "db seed")
            let notices = LogFormatTests.jsonLines(json, command: "db seed").filter { $0["logger"] as? String == "workbench.postgres" }
            #expect(notices.count == 1, "\(json.standardError)")
            #expect(notices.first?["level"] as? String == "notice"
                    && notices.first?["message"] as? String == "workbench test notice on incidents", "\(json.standardError)")

            let text = try TestSupport.workbench(seed, environment: environment)
            #expect(text.status == 0, "\(text.standardError)")
            #expect(text.standardError == "note: workbench test notice on incidents\n", "\(text.standardError)")
            for run in [json, text] {
                #expect(!run.standardError.contains("NOTICE:"), "libpq's own notice printer never runs: \(run.standardError)")
            }
        }
    }
}
