import DatabaseTestSupport
import Foundation
import Testing
import TestSupport

extension DatabaseTests {
    /// `--log-format json` for db and pull against the real PostgreSQL that `scripts/with-postgres` starts.
    @Suite("structured logs against PostgreSQL")
    struct LogFormatDatabase {
        @Test("db init (twice), db seed and pull log JSON with the pull's fields; a wrong password exits 78, unlogged",
              arguments: Backend.allCases)
        func jsonRuns(backend: Backend) throws {
            let dsn = try TestDatabase.dsn(backend)
            let password = try TestDatabase.password()
            let environment = ["WORKBENCH_DSN": dsn, "WORKBENCH_LOG_FORMAT": "json"]
            let schema = "t_log_\(UUID().uuidString.prefix(8).lowercased().replacingOccurrences(of: "-", with: ""))"
            let initialised = try TestSupport.workbench(["db", "init", "--schema", schema], environment: environment)
            LogFormatTests.expectEnd(initialised, status: 0, command: "db init")
            // Again: every stderr line is JSON (libpq's raw notice text never reaches stderr), and the install
            // asks the server for warnings only, so its `… already exists, skipping` NOTICEs are not logged at all.
            let again = try TestSupport.workbench(["db", "init", "--schema", schema], environment: environment)
            LogFormatTests.expectEnd(again, status: 0, command: "db init")
            let lines = LogFormatTests.jsonLines(again, command: "db init")
            #expect(!lines.contains { ($0["message"] as? String ?? "").contains("already exists") }, "\(again.standardError)")
            let seeded = try TestSupport.workbench(["db", "seed", "--schema", schema, "--tenants", "1", "--days", "1", "--interval", "30m"],
                                                   environment: environment)
            LogFormatTests.expectEnd(seeded, status: 0, command: "db seed")

            let folder = try TestSupport.makeTemporaryDirectory("log-pull")
            defer { try? FileManager.default.removeItem(at: folder) }
            let output = folder.appendingPathComponent("a.csv").path
            let pull = ["pull", "--schema", schema, "--tenant", "tenant-a", "--from", "2026-01-05", "--to", "2026-01-06",
                        "--bucket", "1h", "--output", output]
            let pulled = try TestSupport.workbench(pull, environment: environment)
            LogFormatTests.expectEnd(pulled, status: 0, command: "pull")
            let last = LogFormatTests.jsonLines(pulled, command: "pull").last
            #expect((last?["rows"] as? NSNumber)?.intValue == 24 && last?["tenant"] as? String == "tenant-a"
                    && last?["file"] as? String == output, "\(pulled.standardError)")
            #expect(pulled.standardOutput.hasPrefix("\(output): 24 buckets"), "stdout as in text mode: \(pulled.standardOutput)")
            let pullLines = LogFormatTests.jsonLines(pulled, command: "pull")
            let pullStart = pullLines.first { $0["event"] as? String == "pull_start" }
            let pullEnd = pullLines.first { $0["event"] as? String == "pull_end" }
            #expect(pullStart?["tenant"] as? String == "tenant-a" && pullStart?["from"] as? String == "2026-01-05T00:00:00Z"
                    && (pullStart?["buckets"] as? NSNumber)?.intValue == 24 && pullStart?["file"] as? String == output,
                    "a start line: \(pulled.standardError)")
            // 12 series seeded every 30 min: each non-empty (bucket, series) group is one copied row.
            #expect((pullEnd?["rows_written"] as? NSNumber)?.intValue == 24 && (pullEnd?["rows_read"] as? NSNumber)?.intValue ?? 0 > 0
                    && pullEnd?["rows_read"] as? NSNumber == last?["copied_rows"] as? NSNumber
                    && pullEnd?["file"] as? String == output && pullEnd?["elapsed_s"] is NSNumber, "an end line: \(pulled.standardError)")
            let textPull = try TestSupport.workbench(pull, environment: ["WORKBENCH_DSN": dsn])
            #expect(textPull.status == 0 && textPull.standardError.isEmpty, "text mode off a terminal stays quiet: \(textPull.standardError)")

            let wrong = dsn.replacingOccurrences(of: ":\(password)@", with: ":not-\(password)@")
            let rejected = try TestSupport.workbench(pull, environment: ["WORKBENCH_DSN": wrong, "WORKBENCH_LOG_FORMAT": "json"])
            LogFormatTests.expectEnd(rejected, status: 78, command: "pull")
            let initRejected = try TestSupport.workbench(["db", "init", "--schema", schema, "--dsn", wrong, "--log-format", "json"])
            LogFormatTests.expectEnd(initRejected, status: 78, command: "db init")
            for run in [initialised, again, seeded, pulled, rejected, initRejected] {
                #expect(!run.standardError.contains(password) && !run.standardOutput.contains(password), "\(run.standardError)")
            }
        }
    }
}
