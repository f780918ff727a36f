import Datasets
import Foundation
import MetricsSource
import DatabaseTestSupport
import Testing

extension DatabaseTests {
    @Suite("Tenant isolation")
    struct TenantIsolation {
        static let day: Int64 = 1_767_571_200

        /// Names built to break naive quoting: quotes, semicolons, comments,
        /// backslashes (which E'' strings would read), placeholders, LIKE
        /// wildcards, newlines, unicode in both normal forms, and 10 KB.
        static let hostile: [String] = [
            "it's", "a'; DROP TABLE collectors_metrics; --", "back\\slash", "back\\\\slash", "\\'", "'\\",
            "$1", "semi;colon", "%", "_", "line\nbreak\ttab", "\"double\"", "unicode ✓ 租户 🚀",
            "\u{E9}", "e\u{301}", "') OR ('1'='1", "E'\\x27'", String(repeating: "x'\\;", count: 2_500),
        ]

        /// Tenant `index` gets values in [1000 × index, 1000 × index + 59].
        static func samples(tenant: String, index: Int, name: String) -> [MetricSample] {
            (0 ..< 60).map { minute in
                MetricSample(timestamp: day + Int64(minute) * 60, tenant: tenant, collector: name, metric: name,
                             value: Double(index * 1_000 + minute))
            }
        }

        @Test("crafted tenant, collector and metric names never reach another tenant's rows", arguments: Backend.allCases)
        func hostileNames(backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("iso", backend)
            var samples: [MetricSample] = []
            for (index, name) in Self.hostile.enumerated() {
                samples += Self.samples(tenant: name, index: index + 1, name: name)
            }
            samples += Self.samples(tenant: "victim", index: 999, name: "victim")
            try TestDatabase.load(samples, into: schema, backend)
            let connection = try TestDatabase.connect(backend)
            let total = try connection.query("count rows", "SELECT count(*) FROM \(schema.qualifiedMetricsTable)")
            #expect(total.rows == [["\(samples.count)"]])

            for (index, name) in Self.hostile.enumerated() {
                for filtered in [false, true] {
                    let result = try TestDatabase.pull(PullRequest(
                        tenant: name, from: Self.day, to: Self.day + 3_600, bucket: BucketWidth.parse("1m"),
                        collectors: filtered ? [name] : [], metrics: filtered ? [name] : [],
                        aggregates: [.min, .max, .count], schema: schema.schema.name), backend)
                    let label = "tenant #\(index) \(name.prefix(40).debugDescription) filtered=\(filtered)"
                    #expect(result.dataset.columns.count == 4, "\(label): \(result.dataset.columns.count) columns")
                    #expect(result.dataset.columns[1].name == "\(name)/\(name):min", "\(label)")
                    let base = Double((index + 1) * 1_000)
                    #expect(TestDatabase.values(result, "\(name)/\(name):min") == (0 ..< 60).map { base + Double($0) }, "\(label)")
                    #expect(TestDatabase.values(result, "\(name)/\(name):count") == Array(repeating: 1, count: 60), "\(label)")
                    #expect(result.lineage.parameters.first { $0.name == "tenant" }?.value == name)
                }
            }
            // The tables survived every attempt at injection.
            #expect(try connection.query("count rows", "SELECT count(*) FROM \(schema.qualifiedMetricsTable)").rows == total.rows)
        }

        @Test("a hostile name that matches nothing is noData, and its echo is truncated", arguments: Backend.allCases)
        func hostileUnknown(backend: Backend) throws {
            let schema = try TestDatabase.freshSchema("isox", backend)
            try TestDatabase.load(Self.samples(tenant: "victim", index: 1, name: "victim"), into: schema, backend)
            let long = String(repeating: "x'\\;", count: 2_500)
            let error = #expect(throws: MetricsSourceError.self) {
                try TestDatabase.pull(PullRequest(tenant: "victim' OR 'a'='a", from: Self.day, to: Self.day + 3_600,
                                                  bucket: BucketWidth.parse("1m"), schema: schema.schema.name), backend)
            }
            #expect(error == .noData("Tenant 'victim' OR 'a'='a' has no metrics in \(schema.qualifiedMetricsTable)."))
            let metric = #expect(throws: MetricsSourceError.self) {
                try TestDatabase.pull(PullRequest(tenant: "victim", from: Self.day, to: Self.day + 3_600,
                                                  bucket: BucketWidth.parse("1m"), metrics: [long], schema: schema.schema.name), backend)
            }
            #expect(metric?.description.hasPrefix("Unknown metric 'x'\\;x'\\;") == true)
            #expect((metric?.description.count ?? 0) < 300)
        }
    }
}
