import NumericCore
import Testing

@Suite("Duration text")
struct DurationTextTests {
    @Test("a whole count and one unit read as seconds", arguments: [
        ("90s", 90), ("5m", 300), ("1h", 3_600), ("7d", 604_800), ("2w", 1_209_600),
    ])
    func reads(text: String, seconds: Int) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test("signs, fractions, spaces, unknown units and zero are refused", arguments: [
        "", "m", "0m", "-5m", "+5m", "1.5h", "5 m", "1h30m", "5x", "٣m",
    ])
    func refused(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    @Test("callers narrow the units, allow zero and cap the length")
    func options() {
        #expect(DurationText.seconds("2w", units: "smhd") == nil)
        #expect(DurationText.seconds("0d", allowingZero: true) == 0)
        #expect(DurationText.seconds("366d", limit: 366 * 86_400) == 366 * 86_400)
        #expect(DurationText.seconds("367d", limit: 366 * 86_400) == nil)
        #expect(DurationText.seconds("99999999999999999999s", limit: .max) == nil)
        #expect(DurationText.seconds("9999999999999999w", limit: .max) == nil)
    }
}
