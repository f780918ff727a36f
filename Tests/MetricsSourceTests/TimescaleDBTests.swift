import Datasets
import Foundation
import MetricsSource
import DatabaseTestSupport
import Testing

extension DatabaseTests {
    /// What only TimescaleDB has. The other database tests run on both databases; these
    /// check that the two really differ and exercise the TimescaleDB objects directly.
    /// Nothing here is skipped: a missing extension or an unreachable server fails.
    @Suite("TimescaleDB")
    struct TimescaleDB {
        static let day: Int64 = 1_767_571_200

        @Test("the server offers TimescaleDB; only the TimescaleDB database has the extension", arguments: Backend.allCases)
        func extensionPresence(backend: Backend) throws {
            let connection = try TestDatabase.connect(backend)
            let available = try connection.query(
                "available timescaledb", "SELECT default_version FROM pg_catalog.pg_available_extensions WHERE name = 'timescaledb'").rows
            #expect(available.count == 1, "TimescaleDB is not installed on the server: \(available)")
            let installed = try connection.query(
                "detect timescaledb", "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'timescaledb'").rows
            #expect(installed.count == (backend == .timescale ? 1 : 0), "\(backend): \(installed)")
        }

        @Test("on plain PostgreSQL, require is refused with the CREATE EXTENSION hint and auto installs plain tables")
        func requireOnPlainPostgres() throws {
            let connection = try TestDatabase.connect(.postgres)
            let schema = try MetricsSchema(schema: "t_plain_\(UUID().uuidString.prefix(8).lowercased())")
            let error = #expect(throws: MetricsSourceError.self) { try schema.install(on: connection, timescale: .require) }
            #expect(error?.description.contains("run CREATE EXTENSION timescaledb as a superuser") == true, "\(String(describing: error))")
            let report = try schema.install(on: connection, timescale: .auto)
            #expect(report.timescaleVersion == nil && report.timescaleAvailableNotInstalled != nil)
            #expect(!report.steps.contains("create hypertable"))
        }

        @Test("hypertable, compression and metrics_hourly install idempotently; time_bucket pulls equal date_bin pulls")
        func timescalePath() throws {
            let backend = Backend.timescale
            let connection = try TestDatabase.connect(backend)
            let schema = try MetricsSchema(schema: "t_tsdb_\(UUID().uuidString.prefix(8).lowercased().replacingOccurrences(of: "-", with: ""))")
            let first = try schema.install(on: connection, timescale: .require)
            #expect(first.timescaleVersion != nil)
            #expect(first.steps.contains("create hypertable") && first.steps.contains("enable compression")
                    && first.steps.contains("create metrics_hourly"))
            let second = try schema.install(on: connection, timescale: .require)
            #expect(!second.steps.contains("enable compression"))

            let hypertables = try connection.query("find hypertable", """
                SELECT compression_enabled FROM timescaledb_information.hypertables
                WHERE hypertable_schema = $1 AND hypertable_name = 'collectors_metrics'
                """, [schema.schema.name])
            #expect(hypertables.rows == [["t"]])
            let aggregates = try connection.query("find continuous aggregate", """
                SELECT count(*) FROM timescaledb_information.continuous_aggregates
                WHERE view_schema = $1 AND view_name = 'metrics_hourly'
                """, [schema.schema.name])
            #expect(aggregates.rows == [["1"]])

            var samples: [MetricSample] = []
            for step in 0 ..< 2_000 {
                for tenant in ["a", "b"] {
                    samples.append(MetricSample(timestamp: Self.day + Int64(step) * 45, tenant: tenant, collector: "c",
                                                metric: "m", value: Double(step % 97) + (tenant == "a" ? 0 : 1_000)))
                }
            }
            try TestDatabase.load(samples, into: schema, backend)
            for bucket in ["5m", "1h", "1d"] {
                var request = try PullRequest(tenant: "a", from: Self.day, to: Self.day + 86_400, bucket: BucketWidth.parse(bucket),
                                              aggregates: Aggregate.allCases, schema: schema.schema.name, timescale: .require)
                let timescale = try TestDatabase.pull(request, backend)
                request.timescale = .off
                let plain = try TestDatabase.pull(request, backend)
                #expect(timescale.lineage.bucketFunction == "time_bucket" && plain.lineage.bucketFunction == "date_bin")
                #expect(TestDatabase.equalWithinRounding(timescale.dataset, plain.dataset), "bucket \(bucket)")
            }

            try connection.query("refresh metrics_hourly", "CALL refresh_continuous_aggregate($1::regclass, NULL, NULL)",
                                 [schema.schema.qualifying(SQLIdentifier("metrics_hourly"))])
            let hourly = try connection.query("read metrics_hourly", """
                SELECT avg_value FROM \(schema.schema.quoted).metrics_hourly WHERE tenant_id = 'a' ORDER BY bucket
                """).rows.compactMap { $0[0].flatMap(Double.init) }
            let pulled = try TestDatabase.pull(PullRequest(tenant: "a", from: Self.day, to: Self.day + 25 * 3_600,
                                                           bucket: BucketWidth.parse("1h"), schema: schema.schema.name), backend)
            let averages = TestDatabase.values(pulled, "c/m:avg").filter { !$0.isNaN }
            #expect(hourly.count == averages.count)
            for (x, y) in zip(hourly, averages) { #expect(abs(x - y) <= 1e-9 * max(1, abs(y))) }
        }
    }
}
