import Datasets
import Foundation
import MetricsSource
import DatabaseTestSupport
import Testing
import TestSupport

extension DatabaseTests {
    /// Restarts and stops the shared test server while a pull runs.
    ///
    /// A view that sleeps 2 ms per row keeps the pull's COPY busy for over a
    /// second, so the server can be taken down while the statement is running.
    @Suite("Server restarts during a pull")
    struct ServerRestarts {
        static let day: Int64 = 1_767_571_200

        /// Loads 600 samples into a fresh schema and returns (base schema, slow schema).
        static func prepare(_ backend: Backend) throws -> (MetricsSchema, MetricsSchema) {
            let base = try TestDatabase.freshSchema("restart", backend)
            try TestDatabase.load((0 ..< 600).map {
                MetricSample(timestamp: day + Int64($0) * 6, tenant: "r", collector: "c", metric: "m", value: Double($0))
            }, into: base, backend)
            let slow = try MetricsSchema(schema: base.schema.name + "_slow")
            let connection = try TestDatabase.connect(backend)
            try connection.query("create slow schema", "CREATE SCHEMA \(slow.schema.quoted)")
            try connection.query("create slow function", """
                CREATE FUNCTION \(slow.schema.quoted).slow(value double precision) RETURNS double precision
                LANGUAGE plpgsql VOLATILE AS $$ BEGIN PERFORM pg_sleep(0.002); RETURN value; END $$
                """)
            try connection.query("create slow view", """
                CREATE VIEW \(slow.qualifiedMetricsTable) AS
                SELECT "timestamp", collector_name, metric_name, \(slow.schema.quoted).slow(metric_value) AS metric_value,
                       tenant_id, metadata
                FROM \(base.qualifiedMetricsTable)
                """)
            return (base, slow)
        }

        /// Starts `workbench pull` on `schema` in the background.
        static func startPull(schema: MetricsSchema, output: String, attempts: Int, _ backend: Backend) throws -> (Process, URL) {
            let process = Process()
            process.executableURL = TestSupport.workbenchExecutable
            process.arguments = ["pull", "--schema", schema.schema.name, "--tenant", "r", "--from", "2026-01-05T00:00:00Z",
                                 "--to", "2026-01-05T01:00:00Z", "--bucket", "1m", "--aggregate", "sum",
                                 "--attempts", "\(attempts)", "--output", output]
            process.environment = ProcessInfo.processInfo.environment.merging(["WORKBENCH_DSN": try TestDatabase.dsn(backend)]) { $1 }
            let errors = URL(fileURLWithPath: output + ".stderr")
            FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: errors)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return (process, errors)
        }

        @Test("a server restart mid-pull is retried and the result equals an uninterrupted pull", arguments: Backend.allCases)
        func restartThenSucceed(backend: Backend) throws {
            let (base, slow) = try Self.prepare(backend)
            let directory = try TestSupport.makeTemporaryDirectory("restart")
            defer { try? FileManager.default.removeItem(at: directory) }
            let output = directory.appendingPathComponent("restarted.csv").path
            let (process, errors) = try Self.startPull(schema: slow, output: output, attempts: 8, backend)
            #expect(try TestDatabase.waitForQuery(startingWith: "COPY (SELECT"), "the pull never started its COPY")
            try TestDatabase.pgCtl(["-m", "fast", "restart"])
            process.waitUntilExit()
            let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 0, "\(stderr)")
            #expect(stderr.contains("attempt 1/8 failed"), "\(stderr)")

            let lineage = try JSONDecoder().decode(LineageAttempts.self, from: Data(contentsOf: URL(fileURLWithPath: PullOutput.lineagePath(for: output))))
            #expect(lineage.attempts >= 2)
            let reference = directory.appendingPathComponent("reference.csv").path
            try PullOutput.write(TestDatabase.pull(PullRequest(
                tenant: "r", from: Self.day, to: Self.day + 3_600, bucket: BucketWidth.parse("1m"),
                aggregates: [.sum], schema: base.schema.name), backend), to: reference)
            #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data(contentsOf: URL(fileURLWithPath: reference)))
        }

        @Test("a server that stays down ends the pull with exit 75 and no partial output", arguments: Backend.allCases)
        func stopThenGiveUp(backend: Backend) throws {
            let (_, slow) = try Self.prepare(backend)
            let directory = try TestSupport.makeTemporaryDirectory("stopped")
            defer { try? FileManager.default.removeItem(at: directory) }
            let output = directory.appendingPathComponent("stopped.csv").path
            let (process, errors) = try Self.startPull(schema: slow, output: output, attempts: 2, backend)
            #expect(try TestDatabase.waitForQuery(startingWith: "COPY (SELECT"), "the pull never started its COPY")
            try TestDatabase.pgCtl(["-m", "fast", "stop"])
            process.waitUntilExit()
            try TestDatabase.pgCtl(["start"])
            let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 75, "\(stderr)")
            #expect(stderr.contains("gave up after 2 attempts"), "\(stderr)")
            #expect(!stderr.contains(try TestDatabase.password()))
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(files == ["stopped.csv.stderr"], "partial output left: \(files)")
        }

        struct LineageAttempts: Decodable {
            let attempts: Int
        }
    }
}
