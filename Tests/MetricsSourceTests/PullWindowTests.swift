import Datasets
import Foundation
import MetricsSource
import DatabaseTestSupport
import Testing

extension DatabaseTests {
    @Suite("Pull windows, gaps and names")
    struct PullWindows {
        static let day: Int64 = 1_767_571_200  // 2026-01-05T00:00:00Z

        @Test("empty buckets stay as rows with every value missing, count included", arguments: Backend.allCases)
        func gaps(backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("gap", backend)
            let filled = [0, 1, 3, 7]
            try TestDatabase.load(filled.map {
                MetricSample(timestamp: Self.day + Int64($0) * 60 + 5, tenant: "g", collector: "c", metric: "m", value: Double($0))
            }, into: schema, backend)
            let result = try TestDatabase.pull(PullRequest(
                tenant: "g", from: Self.day, to: Self.day + 600, bucket: BucketWidth.parse("1m"),
                aggregates: [.avg, .count], schema: schema.schema.name), backend)
            #expect(result.dataset.rowCount == 10)
            #expect(TestDatabase.values(result, "timestamp") == (0 ..< 10).map { Double(Self.day + Int64($0) * 60) })
            let averages = TestDatabase.values(result, "c/m:avg")
            let counts = TestDatabase.values(result, "c/m:count")
            for bucket in 0 ..< 10 {
                if filled.contains(bucket) {
                    #expect(averages[bucket] == Double(bucket) && counts[bucket] == 1)
                } else {
                    #expect(averages[bucket].isNaN && counts[bucket].isNaN)
                }
            }
        }

        @Test("daily buckets start at midnight UTC whatever the session time zone; the window widens to whole buckets", arguments: Backend.allCases)
        func utcEdges(backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("utc", backend)
            let points: [(Int64, Double)] = [
                (Self.day - 1, 100), (Self.day, 1), (Self.day + 86_399, 2), (Self.day + 86_400, 4), (Self.day + 2 * 86_400, 8),
            ]
            try TestDatabase.load(points.map {
                MetricSample(timestamp: $0.0, tenant: "u", collector: "c", metric: "m", value: $0.1)
            }, into: schema, backend)
            // +05:30: a zone-dependent bucketing would split these days at 18:30 UTC.
            let dsn = try TestDatabase.dsn(backend) + "?options=-c%20TimeZone%3DAsia%2FKolkata"
            let zone = try PostgresConnection.connect(TestDatabase.settings(backend, dsn: dsn)).query("show zone", "SHOW TimeZone")
            #expect(zone.rows == [["Asia/Kolkata"]])
            let result = try TestDatabase.pull(PullRequest(
                tenant: "u", from: Self.day + 12 * 3_600, to: Self.day + 2 * 86_400, bucket: BucketWidth.parse("1d"),
                aggregates: [.sum], schema: schema.schema.name), backend, dsn: dsn)
            #expect(TestDatabase.values(result, "timestamp") == [Double(Self.day), Double(Self.day + 86_400)])
            #expect(TestDatabase.values(result, "c/m:sum") == [3, 4])
            #expect(result.lineage.windowStart == "2026-01-05T00:00:00Z" && result.lineage.windowEnd == "2026-01-07T00:00:00Z")
            #expect(result.lineage.requestedFrom == "2026-01-05T12:00:00Z")
        }

        @Test("an infinite stored value is refused, naming the series, bucket and aggregate", arguments: Backend.allCases)
        func infiniteValue(backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("inf", backend)
            try TestDatabase.load([
                MetricSample(timestamp: Self.day, tenant: "i", collector: "c", metric: "m", value: 1),
                MetricSample(timestamp: Self.day + 120, tenant: "i", collector: "c", metric: "m", value: .infinity),
            ], into: schema, backend)
            #expect(throws: MetricsSourceError.invalidValue("c/m at 2026-01-05T00:02:00Z: max is inf; "
                + "pulled values must be finite (NULL or NaN marks a missing value).")) {
                try TestDatabase.pull(PullRequest(tenant: "i", from: Self.day, to: Self.day + 300, bucket: BucketWidth.parse("1m"),
                                                  aggregates: [.count, .max], schema: schema.schema.name), backend)
            }
        }

        @Test("a window without samples is noData with a clear message", arguments: Backend.allCases)
        func emptyWindow(backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("empty", backend)
            try TestDatabase.load([MetricSample(timestamp: Self.day, tenant: "e", collector: "c", metric: "m", value: 1)], into: schema, backend)
            #expect(throws: MetricsSourceError.noData("Tenant 'e' has no samples between 2026-02-01T00:00:00Z and 2026-02-02T00:00:00Z.")) {
                try TestDatabase.pull(PullRequest(tenant: "e", from: Self.day + 27 * 86_400, to: Self.day + 28 * 86_400,
                                                  bucket: BucketWidth.parse("1h"), schema: schema.schema.name), backend)
            }
            #expect(throws: MetricsSourceError.noData("Tenant 'nobody' has no metrics in \(schema.qualifiedMetricsTable).")) {
                try TestDatabase.pull(PullRequest(tenant: "nobody", from: Self.day, to: Self.day + 86_400,
                                                  bucket: BucketWidth.parse("1h"), schema: schema.schema.name), backend)
            }
        }

        @Test("an unknown metric lists the tenant's closest names, never another tenant's", arguments: Backend.allCases)
        func unknownMetric(backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("names", backend)
            let mine = ["cpu_usage_percent", "memory_usage_percent", "requests_per_second"]
            var samples = mine.map { MetricSample(timestamp: Self.day, tenant: "a", collector: "host", metric: $0, value: 1) }
            samples.append(MetricSample(timestamp: Self.day, tenant: "b", collector: "host", metric: "cpu_usge_secret", value: 1))
            try TestDatabase.load(samples, into: schema, backend)
            let request = try PullRequest(tenant: "a", from: Self.day, to: Self.day + 3_600, bucket: BucketWidth.parse("1h"),
                                          metrics: ["cpu_usage_percent", "cpu_usge"], schema: schema.schema.name)
            #expect(throws: MetricsSourceError.noData("Unknown metric 'cpu_usge' for tenant 'a'; closest names: 'cpu_usage_percent', 'memory_usage_percent', 'requests_per_second'.")) {
                try TestDatabase.pull(request, backend)
            }
            var collector = request
            collector.metrics = []
            collector.collectors = ["hots"]
            #expect(throws: MetricsSourceError.noData("Unknown collector 'hots' for tenant 'a'; closest names: 'host'.")) {
                try TestDatabase.pull(collector, backend)
            }
            var elsewhere = request
            elsewhere.metrics = ["memory_usage_percent"]
            elsewhere.from += 86_400
            elsewhere.to += 86_400
            #expect(throws: MetricsSourceError.noData("The metric 'memory_usage_percent' of tenant 'a' has no samples between 2026-01-06T00:00:00Z and 2026-01-06T01:00:00Z (with the other filters).")) {
                try TestDatabase.pull(elsewhere, backend)
            }
        }

        @Test("labels mark buckets overlapped by the tenant's incidents on pulled series only", arguments: Backend.allCases)
        func labels(backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("labels", backend)
            var samples: [MetricSample] = []
            for minute in 0 ..< 60 {
                for (collector, metric) in [("c1", "m1"), ("c1", "m2"), ("c2", "m1"), ("c3", "m1")] {
                    samples.append(MetricSample(timestamp: Self.day + Int64(minute) * 60, tenant: "l", collector: collector, metric: metric, value: 1))
                }
            }
            let incidents = [
                Incident(tenant: "l", collector: "c1", metric: "m1", start: Self.day + 600, end: Self.day + 1_200, kind: "spike", severity: 1),
                Incident(tenant: "l", collector: "c2", metric: nil, start: Self.day + 2_950, end: Self.day + 3_001, kind: "drift", severity: 1),
                Incident(tenant: "l", collector: "c1", metric: "m2", start: Self.day + 1_800, end: Self.day + 2_100, kind: "spike", severity: 1),
                Incident(tenant: "l", collector: "c3", metric: nil, start: Self.day + 1_500, end: Self.day + 1_800, kind: "spike", severity: 1),
                Incident(tenant: "other", collector: "c1", metric: nil, start: Self.day, end: Self.day + 3_600, kind: "spike", severity: 1),
            ]
            try TestDatabase.load(samples, incidents: incidents, into: schema, backend)
            let result = try TestDatabase.pull(PullRequest(
                tenant: "l", from: Self.day, to: Self.day + 3_600, bucket: BucketWidth.parse("5m"),
                collectors: ["c1", "c2"], metrics: ["m1"], labelsFromIncidents: true, schema: schema.schema.name), backend)
            // c1/m1 in [600, 1200): buckets 2, 3. c2 (all metrics) in [2950, 3001): buckets 9, 10.
            // c1/m2 and c3 are not pulled; the other tenant's incident never counts.
            let expected = (0 ..< 12).map { [2, 3, 9, 10].contains($0) ? 1.0 : 0.0 }
            #expect(TestDatabase.values(result, "label") == expected)
            #expect(result.dataset.columnNames == ["timestamp", "c1/m1:avg", "c2/m1:avg", "label"])
            #expect(result.lineage.labelsQuery?.contains("WHERE tenant_id = $1") == true)
        }
    }
}
