import Datasets
import Foundation
import MetricsSource
import DatabaseTestSupport
import Testing

extension DatabaseTests {
    /// The TimescaleDB path: runs only where the extension is installed in the
    /// test database (scripts/with-postgres preloads it when the server has it).
    @Suite("TimescaleDB")
    struct TimescaleDB {
        static var installed: Bool {
            let rows = try? TestDatabase.connect().query(
                "detect timescaledb", "SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'timescaledb'")
            return rows?.rows.isEmpty == false
        }

        static let day: Int64 = 1_767_571_200

        @Test("hypertable, compression and metrics_hourly install idempotently; time_bucket pulls equal date_bin pulls",
              .enabled(if: installed, "TimescaleDB is not installed on this PostgreSQL server; its SQL runs only where the extension exists."))
        func timescalePath() throws {
            let connection = try TestDatabase.connect()
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
            try TestDatabase.load(samples, into: schema)
            for bucket in ["5m", "1h", "1d"] {
                var request = try PullRequest(tenant: "a", from: Self.day, to: Self.day + 86_400, bucket: BucketWidth.parse(bucket),
                                              aggregates: Aggregate.allCases, schema: schema.schema.name, timescale: .require)
                let timescale = try TestDatabase.pull(request)
                request.timescale = .off
                let plain = try TestDatabase.pull(request)
                #expect(timescale.lineage.bucketFunction == "time_bucket" && plain.lineage.bucketFunction == "date_bin")
                #expect(TestDatabase.identical(timescale.dataset, plain.dataset), "bucket \(bucket)")
            }

            try connection.query("refresh metrics_hourly", "CALL refresh_continuous_aggregate($1::regclass, NULL, NULL)",
                                 [schema.schema.qualifying(SQLIdentifier("metrics_hourly"))])
            let hourly = try connection.query("read metrics_hourly", """
                SELECT avg_value FROM \(schema.schema.quoted).metrics_hourly WHERE tenant_id = 'a' ORDER BY bucket
                """).rows.compactMap { $0[0].flatMap(Double.init) }
            let pulled = try TestDatabase.pull(PullRequest(tenant: "a", from: Self.day, to: Self.day + 25 * 3_600,
                                                           bucket: BucketWidth.parse("1h"), schema: schema.schema.name))
            let averages = TestDatabase.values(pulled, "c/m:avg").filter { !$0.isNaN }
            #expect(hourly.count == averages.count)
            for (x, y) in zip(hourly, averages) { #expect(abs(x - y) <= 1e-9 * max(1, abs(y))) }
        }
    }
}
