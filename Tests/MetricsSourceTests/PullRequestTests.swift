import NumericCore
import Testing
@testable import MetricsSource

@Suite("Pull request validation")
struct PullRequestTests {
    static let hour = try! BucketWidth.parse("1h")

    @Test("the window widens to whole buckets")
    func widening() throws {
        let request = try PullRequest(tenant: "t", from: 3_601, to: 7_201, bucket: Self.hour).validated()
        #expect(request.firstBucket == 3_600 && request.end == 10_800 && request.bucketCount == 2)
        let aligned = try PullRequest(tenant: "t", from: 3_600, to: 7_200, bucket: Self.hour).validated()
        #expect(aligned.bucketCount == 1)
        let negative = try PullRequest(tenant: "t", from: -1, to: 1, bucket: Self.hour).validated()
        #expect(negative.firstBucket == -3_600 && negative.end == 3_600)
    }

    @Test("duplicates are dropped, order kept")
    func duplicates() throws {
        let request = try PullRequest(tenant: "t", from: 0, to: 60, bucket: Self.hour, collectors: ["b", "a", "b"],
                                      metrics: ["m", "m"], aggregates: [.max, .avg, .max]).validated()
        #expect(request.collectors == ["b", "a"] && request.metrics == ["m"] && request.aggregates == [.max, .avg])
    }

    @Test("invalid requests say what is wrong")
    func invalid() {
        #expect(throws: MetricsSourceError.invalidRequest("The window must end after it starts; got from 1970-01-01T01:00:00Z to 1970-01-01T01:00:00Z.")) {
            try PullRequest(tenant: "t", from: 3_600, to: 3_600, bucket: Self.hour).validated()
        }
        #expect(throws: MetricsSourceError.invalidRequest("The tenant must not be empty.")) {
            try PullRequest(tenant: "", from: 0, to: 1, bucket: Self.hour).validated()
        }
        #expect(throws: MetricsSourceError.invalidRequest("The metric 'a\u{0}b' contains a NUL character, which PostgreSQL text cannot hold.")) {
            try PullRequest(tenant: "t", from: 0, to: 1, bucket: Self.hour, metrics: ["a\u{0}b"]).validated()
        }
        #expect(throws: MetricsSourceError.invalidRequest("The window holds 8761 buckets of 1h; at most 100 are accepted. Use a wider bucket or a shorter window.")) {
            try PullRequest(tenant: "t", from: 0, to: 365 * 86_400 + 1, bucket: Self.hour, maximumBuckets: 100).validated()
        }
        #expect(throws: MetricsSourceError.self) {
            try PullRequest(tenant: "t", from: 0, to: 1, bucket: Self.hour, schema: "x; DROP").validated()
        }
    }

    @Test("closest names come first, by edit distance")
    func suggestions() {
        let names = ["cpu_usage_percent", "memory_usage_percent", "requests_per_second", "cpu_usage"]
        #expect(NameSuggestions.closest(to: "cpu_usge", in: names, limit: 2) == ["cpu_usage", "cpu_usage_percent"])
        #expect(NameSuggestions.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}
