import NumericCore
import Testing

@Suite("UTC calendar")
struct UTCCalendarTests {
    @Test("dates and day numbers round-trip, including leap days and before the epoch",
          arguments: [(1970, 1, 1, 0), (2000, 2, 29, 11_016), (2026, 1, 5, 20_458), (1969, 12, 31, -1), (1900, 3, 1, -25_508)])
    func roundTrip(year: Int, month: Int, day: Int, days: Int) {
        #expect(UTCCalendar.days(year: year, month: month, day: day) == days)
        #expect(UTCCalendar.date(fromDays: days) == (year, month, day))
    }

    @Test("ISO 8601 text of epoch seconds")
    func iso() {
        #expect(UTCCalendar.iso8601(1_767_571_200) == "2026-01-05T00:00:00Z")
        #expect(UTCCalendar.iso8601(1_767_571_200.9) == "2026-01-05T00:00:00Z")
        #expect(UTCCalendar.iso8601(-1) == "1969-12-31T23:59:59Z")
        #expect(UTCCalendar.iso8601(1_709_164_800) == "2024-02-29T00:00:00Z")
        #expect(UTCCalendar.iso8601(1_767_225_600 + 3661.9) == "2026-01-01T01:01:01Z")
        #expect(UTCCalendar.components(90_061).hour == 1 && UTCCalendar.components(90_061).minute == 1)
    }
}
