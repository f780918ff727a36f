import Datasets
import Foundation
import MetricsSource
import DatabaseTestSupport
import Testing
import TestSupport

extension DatabaseTests {
    @Suite("workbench db and pull commands")
    struct PullCommands {
        static let day: Int64 = 1_767_571_200

        static func environment(_ backend: Backend) throws -> [String: String] {
            ["WORKBENCH_DSN": try TestDatabase.dsn(backend)]
        }

        @Test("db init is idempotent and quiet (no server notices) and db seed replaces the generated tenants' rows", arguments: Backend.allCases)
        func initAndSeed(backend: Backend) throws {
            let schema = "t_cli_\(UUID().uuidString.prefix(8).lowercased().replacingOccurrences(of: "-", with: ""))"
            for run in 0 ..< 2 {
                let initialised = try TestSupport.workbench(["db", "init", "--schema", schema], environment: Self.environment(backend))
                #expect(initialised.status == 0, "\(initialised.standardError)")
                // The server's "already exists, skipping" notices are not news on a second run.
                #expect(!initialised.standardError.contains("NOTICE"), "run \(run): \(initialised.standardError)")
                switch backend {
                case .postgres:
                    #expect(initialised.standardOutput.contains("schema \"\(schema)\" ready (plain PostgreSQL)"), "\(initialised.standardOutput)")
                case .timescale:
                    #expect(initialised.standardOutput.contains("schema \"\(schema)\" ready (TimescaleDB "), "\(initialised.standardOutput)")
                    let created = ["create hypertable", "enable compression", "add compression policy", "create metrics_hourly"]
                        .allSatisfy(initialised.standardOutput.contains)
                    #expect(created == (run == 0), "run \(run): \(initialised.standardOutput)")
                }
            }
            for _ in 0 ..< 2 {
                let seeded = try TestSupport.workbench(
                    ["db", "seed", "--schema", schema, "--tenants", "2", "--days", "1", "--interval", "5m"],
                    environment: Self.environment(backend))
                #expect(seeded.status == 0, "\(seeded.standardError)")
                #expect(seeded.standardOutput.contains("for 2 tenants (tenant-a, tenant-b)"))
            }
            let generator = SyntheticMetrics(configuration: .init(tenants: 2, days: 1, intervalSeconds: 300))
            var expected = 0
            generator.forEachSample { _ in expected += 1 }
            let rows = try TestDatabase.connect(backend).query("count seeded", """
                SELECT (SELECT count(*) FROM "\(schema)".collectors_metrics), (SELECT count(*) FROM "\(schema)".incidents)
                """).rows
            #expect(rows == [["\(expected)", "\(generator.incidents.count)"]])
        }

        @Test("pull writes the data and its lineage atomically; Python recomputes the content digest", arguments: ["csv", "h5"], Backend.allCases)
        func pullToFile(format: String, backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("clifile", backend)
            try TestDatabase.load((0 ..< 120).map {
                MetricSample(timestamp: Self.day + Int64($0) * 30, tenant: "t,1", collector: "c\"q", metric: "m/x", value: Double($0) / 3)
            }, into: schema, backend)
            let directory = try TestSupport.makeTemporaryDirectory("pull")
            defer { try? FileManager.default.removeItem(at: directory) }
            let output = directory.appendingPathComponent("pulled.\(format)").path
            let pulled = try TestSupport.workbench([
                "pull", "--schema", schema.schema.name, "--tenant", "t,1", "--from", "2026-01-05T00:00:00Z",
                "--to", "2026-01-05T01:00:00Z", "--bucket", "5m", "--aggregate", "avg", "--aggregate", "p95",
                "--labels", "incidents", "--output", output,
            ], environment: Self.environment(backend))
            #expect(pulled.status == 0, "\(pulled.standardError)")
            #expect(pulled.standardOutput.contains("12 buckets × 4 columns"))
            let check = try TestSupport.python("pull_lineage.py", [output])
            #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")

            let dataset = try DatasetIO.read(path: output)
            #expect(dataset.columnNames == ["timestamp", "c\"q/m/x:avg", "c\"q/m/x:p95", "label"])
            #expect(TestDatabase.equalWithinRounding(dataset, try TestDatabase.pull(PullRequest(
                tenant: "t,1", from: Self.day, to: Self.day + 3_600, bucket: BucketWidth.parse("5m"),
                aggregates: [.avg, .p95], labelsFromIncidents: true, schema: schema.schema.name), backend).dataset))
            let lineage: String
            if format == "csv" {
                lineage = try String(contentsOfFile: PullOutput.lineagePath(for: output), encoding: .utf8)
            } else {
                let attributes = try Dataset.readHDF5Attributes(path: output)
                #expect(attributes["tenant"] == "t,1")
                #expect(attributes["query"]?.hasPrefix("COPY (SELECT \(backend.bucketFunction)($1::interval") == true)
                lineage = attributes.values.joined(separator: "\n")
            }
            #expect(lineage.contains("COPY (SELECT \(backend.bucketFunction)($1::interval"))
            #expect(!lineage.contains(try TestDatabase.password()))
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(files == (format == "csv" ? ["pulled.csv", "pulled.csv.lineage.json"] : ["pulled.h5"]))
        }

        @Test("usage, no data, bad credentials, a missing database and an unreachable server end with their exit codes and no file", arguments: Backend.allCases)
        func exitCodes(backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("cliexit", backend)
            try TestDatabase.load([MetricSample(timestamp: Self.day, tenant: "t", collector: "c", metric: "cpu", value: 1)], into: schema, backend)
            let directory = try TestSupport.makeTemporaryDirectory("pull")
            defer { try? FileManager.default.removeItem(at: directory) }
            let output = directory.appendingPathComponent("out.csv").path
            let base = ["pull", "--schema", schema.schema.name, "--tenant", "t", "--bucket", "1h", "--output", output]
            let password = try TestDatabase.password()
            let wrongDSN = try TestDatabase.dsn(backend).replacingOccurrences(of: ":\(password)@", with: ":not-\(password)@")

            let empty = try TestSupport.workbench(base + ["--from", "2026-03-01", "--to", "2026-03-02"], environment: Self.environment(backend))
            #expect(empty.status == 65)
            #expect(empty.standardError == "error: Tenant 't' has no samples between 2026-03-01T00:00:00Z and 2026-03-02T00:00:00Z.\n")

            let unknown = try TestSupport.workbench(base + ["--from", "2026-01-05", "--to", "2026-01-06", "--metric", "cpx"], environment: Self.environment(backend))
            #expect(unknown.status == 65)
            #expect(unknown.standardError == "error: Unknown metric 'cpx' for tenant 't'; closest names: 'cpu'.\n")

            let usage = try TestSupport.workbench(base + ["--from", "yesterday"], environment: Self.environment(backend))
            #expect(usage.status == 64)

            let started = Date()
            let wrong = try TestSupport.workbench(base + ["--from", "2026-01-05", "--to", "2026-01-06"], environment: ["WORKBENCH_DSN": wrongDSN])
            #expect(wrong.status == 78)
            #expect(wrong.standardError.hasPrefix("error: PostgreSQL (host=127.0.0.1"))
            #expect(!wrong.standardError.contains("retrying"), "a wrong password must not be retried")
            #expect(!wrong.standardError.contains(password))
            #expect(Date().timeIntervalSince(started) < 10)

            let missing = try TestDatabase.dsn(backend).replacingOccurrences(of: "/\(backend.database)", with: "/no_such_database")
            let noDatabase = try TestSupport.workbench(base + ["--from", "2026-01-05", "--to", "2026-01-06"], environment: ["WORKBENCH_DSN": missing])
            #expect(noDatabase.status == 78)
            #expect(noDatabase.standardError.contains("has no such database"), "\(noDatabase.standardError)")
            #expect(noDatabase.standardError.contains("database \"no_such_database\" does not exist (SQLSTATE 3D000)"), "\(noDatabase.standardError)")
            #expect(!noDatabase.standardError.contains("rejected the credentials") && !noDatabase.standardError.contains("retrying"))
            #expect(!noDatabase.standardError.contains(password))

            let down = try TestSupport.workbench(base + ["--from", "2026-01-05", "--to", "2026-01-06", "--attempts", "2"],
                                                 environment: ["WORKBENCH_DSN": "postgresql://workbench:\(password)@127.0.0.1:1/x"])
            #expect(down.status == 75)
            #expect(down.standardError.contains("gave up after 2 attempts"))
            #expect(!down.standardError.contains(password))

            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        }
    }
}
