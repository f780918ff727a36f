import Datasets
import Foundation
import MetricsSource
import DatabaseTestSupport
import Testing

extension DatabaseTests {
    @Suite("Pull aggregates")
    struct PullAggregates {
        static let start: Int64 = 1_767_571_200

        /// Irregular samples (every 37 s, some doubled) for 2 collectors × 2 metrics over 3 hours.
        static func samples(tenant: String, offset: Double) -> [MetricSample] {
            var samples: [MetricSample] = []
            for step in 0 ..< 290 {
                let time = start + Int64(step) * 37
                for (c, collector) in ["api", "host"].enumerated() {
                    for (m, metric) in ["latency", "cpu"].enumerated() {
                        let value = offset + sin(Double(step) * 0.3 + Double(c * 2 + m)) * 10 + Double(step % 7)
                        samples.append(MetricSample(timestamp: time, tenant: tenant, collector: collector, metric: metric, value: value))
                        if step % 5 == 0 {
                            samples.append(MetricSample(timestamp: time, tenant: tenant, collector: collector, metric: metric, value: value * 1.5))
                        }
                    }
                }
            }
            return samples
        }

        static let expectedSQL: [Aggregate: String] = [
            .avg: "avg(metric_value)", .min: "min(metric_value)", .max: "max(metric_value)",
            .sum: "sum(metric_value)", .count: "count(*)::float8", .stddev: "stddev_samp(metric_value)",
            .p95: "percentile_cont(0.95) WITHIN GROUP (ORDER BY metric_value)",
        ]

        @Test("each aggregate matches an independent GROUP BY on epoch arithmetic", arguments: Aggregate.allCases, Backend.allCases)
        func aggregateMatchesSQL(aggregate: Aggregate, backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("agg", backend)
            try TestDatabase.load(Self.samples(tenant: "agg", offset: 100) + Self.samples(tenant: "other", offset: 5_000), into: schema, backend)
            let result = try TestDatabase.pull(PullRequest(
                tenant: "agg", from: Self.start, to: Self.start + 3 * 3_600, bucket: BucketWidth.parse("5m"),
                aggregates: [aggregate], schema: schema.schema.name), backend)
            #expect(result.dataset.rowCount == 36)
            #expect(result.dataset.columnNames == ["timestamp", "api/cpu", "api/latency", "host/cpu", "host/latency"].enumerated()
                .map { $0.offset == 0 ? $0.element : "\($0.element):\(aggregate.rawValue)" })

            // Buckets by integer arithmetic on epoch seconds, not date_bin: an independent computation.
            let rows = try TestDatabase.connect(backend).query("expected aggregate", """
                SELECT (floor(extract(epoch FROM "timestamp") / 300) * 300)::bigint, collector_name, metric_name, \(Self.expectedSQL[aggregate]!)
                FROM \(schema.qualifiedMetricsTable) WHERE tenant_id = $1 GROUP BY 1, 2, 3
                """, ["agg"]).rows
            let timestamps = TestDatabase.values(result, "timestamp")
            var expected: [String: [Double]] = [:]
            for row in rows {
                let bucket = Int((Int64(row[0]!)! - Self.start) / 300)
                let name = "\(row[1]!)/\(row[2]!):\(aggregate.rawValue)"
                expected[name, default: Array(repeating: .nan, count: 36)][bucket] = row[3].flatMap(Double.init) ?? .nan
            }
            #expect(expected.count == 4)
            for (name, want) in expected {
                let got = TestDatabase.values(result, name)
                for bucket in 0 ..< 36 {
                    let (g, w) = (got[bucket], want[bucket])
                    #expect(g.isNaN == w.isNaN && (g.isNaN || abs(g - w) <= 1e-12 * max(1, abs(w))),
                            "\(name) at \(PullTime.iso8601(Int64(timestamps[bucket]))): \(g) vs \(w)")
                }
            }
            #expect(timestamps == (0 ..< 36).map { Double(Self.start + Int64($0) * 300) })
        }

        @Test("counts match the samples loaded, and several aggregates come in request order", arguments: Backend.allCases)
        func countsFromSamples(backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("cnt", backend)
            let samples = Self.samples(tenant: "agg", offset: 0)
            try TestDatabase.load(samples, into: schema, backend)
            let result = try TestDatabase.pull(PullRequest(
                tenant: "agg", from: Self.start, to: Self.start + 3 * 3_600, bucket: BucketWidth.parse("1h"),
                collectors: ["host"], metrics: ["cpu"], aggregates: [.count, .max, .avg], schema: schema.schema.name), backend)
            #expect(result.dataset.columnNames == ["timestamp", "host/cpu:count", "host/cpu:max", "host/cpu:avg"])
            let mine = samples.filter { $0.collector == "host" && $0.metric == "cpu" }
            let counts = (0 ..< 3).map { hour in
                Double(mine.filter { ($0.timestamp - Self.start) / 3_600 == Int64(hour) }.count)
            }
            #expect(TestDatabase.values(result, "host/cpu:count") == counts)
            #expect(result.lineage.copiedRows == 3)
        }
    }
}
