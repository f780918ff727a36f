import Testing
import MetricsSource

@Suite("Pull times, buckets and aggregates")
struct PullTimeTests {
    static let now: Int64 = 1_767_600_000

    @Test("relative times count back from now", arguments: [
        ("now", 0), ("now-30d", -30 * 86_400), ("now-12h", -12 * 3_600), ("now-15m", -900), ("now-90s", -90),
        ("now-2w", -14 * 86_400), ("now+1h", 3_600),
    ] as [(String, Int64)])
    func relative(text: String, offset: Int64) throws {
        #expect(try PullTime.parse(text, now: Self.now) == Self.now + offset)
    }

    @Test("ISO-8601 dates and times are UTC or carry their offset", arguments: [
        ("2026-01-05", 1_767_571_200), ("2026-01-05T00:00:00Z", 1_767_571_200), ("2026-01-05 00:00Z", 1_767_571_200),
        ("2026-01-05T02:00:00+02:00", 1_767_571_200), ("2026-01-04T19:00-0500", 1_767_571_200),
        ("1970-01-01T00:00:01Z", 1), ("1969-12-31T23:59:59Z", -1), ("2024-02-29", 1_709_164_800),
    ] as [(String, Int64)])
    func iso(text: String, seconds: Int64) throws {
        #expect(try PullTime.parse(text, now: Self.now) == seconds)
    }

    @Test("unreadable or zoneless times are refused with the accepted forms", arguments: [
        "yesterday", "now-3x", "now-", "2026-13-01", "2025-02-29", "2026-01-05T00:00:00", "2026-01-05T24:00Z", "",
    ])
    func refused(text: String) {
        let error = #expect(throws: MetricsSourceError.self) { try PullTime.parse(text, now: Self.now) }
        #expect(error?.description == "The time '\(text)' is not understood; use now, now-30d, now-12h, now-15m, or ISO-8601 UTC such as 2026-01-05 or 2026-01-05T00:00:00Z.")
    }

    @Test("ISO-8601 output reads back to the same second", arguments: [0, -1, 1_767_571_199, 951_782_400, -86_401] as [Int64])
    func roundTrip(seconds: Int64) throws {
        #expect(try PullTime.parse(PullTime.iso8601(seconds), now: 0) == seconds)
    }

    @Test("bucket widths parse from 1m, 5m, 1h, 1d and print back", arguments: [
        ("1m", 60), ("5m", 300), ("1h", 3_600), ("1d", 86_400), ("90s", 90),
    ] as [(String, Int64)])
    func bucket(text: String, seconds: Int64) throws {
        let width = try BucketWidth.parse(text)
        #expect(width.seconds == seconds)
        #expect(width.description == text)
    }

    @Test("bad bucket widths are refused", arguments: ["", "m", "0m", "-5m", "5x", "1.5h", "400d"])
    func badBucket(text: String) {
        #expect(throws: MetricsSourceError.self) { try BucketWidth.parse(text) }
    }

    @Test("aggregate names parse case-insensitively; unknown names list the choices")
    func aggregates() throws {
        #expect(try Aggregate.parse("P95") == .p95)
        #expect(throws: MetricsSourceError.invalidRequest("Unknown aggregate 'median'; expected one of avg, min, max, sum, count, stddev, p95.")) {
            try Aggregate.parse("median")
        }
    }
}
