import NumericCore
import Testing

@Suite("ISO 8601 reading")
struct ISO8601ParsingTests {
    @Test("ISO 8601 forms parse to epoch seconds", arguments: [
        ("2026-01-05T00:00:00Z", 1_767_571_200.0), ("2026-01-05 00:00:00", 1_767_571_200),
        ("2026-01-05", 1_767_571_200), ("2026-01-05T02:00:00+02:00", 1_767_571_200),
        ("2026-01-04T19:00-0500", 1_767_571_200), ("2026-01-05T00:00:00.25Z", 1_767_571_200.25),
        ("1970-01-01T00:00:00Z", 0), ("1969-12-31T23:59:59Z", -1), ("2024-02-29T12:00:00Z", 1_709_208_000),
    ])
    func isoParsing(text: String, seconds: Double) {
        #expect(UTCCalendar.parseISO8601(text) == seconds)
    }

    @Test("malformed ISO 8601 is rejected", arguments: [
        "2026-13-01", "2026-02-30", "2026-01-05T24:00:00Z", "2026-01-05T10:60", "2026-01-05T10:00:00+05:",
        "2026/01/05", "2026-01-05T10", "tomorrow", "2026-01-05T10:00:00.Z", "2026-01-05T10:00:00.1234567890Z",
    ])
    func isoRejected(text: String) {
        #expect(UTCCalendar.parseISO8601(text) == nil)
    }

    @Test("a date-time without a zone is UTC unless a zone is required")
    func zoneRequired() {
        #expect(UTCCalendar.parseISO8601("2026-01-05T00:00:00") == 1_767_571_200)
        #expect(UTCCalendar.parseISO8601("2026-01-05T00:00:00", requiringZone: true) == nil)
        #expect(UTCCalendar.parseISO8601("2026-01-05 00:00", requiringZone: true) == nil)
        #expect(UTCCalendar.parseISO8601("2026-01-05", requiringZone: true) == 1_767_571_200)
        #expect(UTCCalendar.parseISO8601("2026-01-05T02:00+02:00", requiringZone: true) == 1_767_571_200)
    }

    @Test("ISO 8601 output reads back to the same second", arguments: [0, -1, 1_767_571_199, 951_782_400, -86_401])
    func roundTrip(seconds: Int) {
        #expect(UTCCalendar.parseISO8601(UTCCalendar.iso8601(Double(seconds)), requiringZone: true) == Double(seconds))
    }
}
