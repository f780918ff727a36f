import NumericCore

/// Parses the `--from`/`--to` times of a pull into Unix seconds (UTC).
///
/// Accepted forms:
/// - relative: `now`, `now-30d`, `now-12h`, `now-15m`, `now-90s`, `now-2w`
///   (also `+`), relative to the `now` the caller passes;
/// - ISO-8601 with a zone: `2026-01-05T00:00:00Z`, `2026-01-05T02:00+02:00`,
///   `2026-01-05 00:00:00Z`; a date alone (`2026-01-05`) is midnight UTC.
/// A date-time without a zone is refused rather than guessed.
public enum PullTime {
    /// `text` as Unix seconds.
    /// - Parameter now: the current time in Unix seconds, for relative forms.
    /// - Throws: `MetricsSourceError.invalidRequest` quoting the text and the accepted forms.
    public static func parse(_ text: String, now: Int64) throws(MetricsSourceError) -> Int64 {
        let trimmed = text.trimmingTrailingNewlines()
        if trimmed.hasPrefix("now") {
            if let value = relative(trimmed.dropFirst(3), now: now) { return value }
        } else if let value = iso8601(Array(trimmed.utf8)) {
            return value
        }
        throw .invalidRequest(
            "The time '\(text.truncatedForMessage())' is not understood; use now, now-30d, now-12h, now-15m, or ISO-8601 UTC such as 2026-01-05 or 2026-01-05T00:00:00Z.")
    }

    /// ISO-8601 UTC text for Unix seconds: `2026-01-05T00:00:00Z`.
    public static func iso8601(_ seconds: Int64) -> String {
        UTCCalendar.iso8601(Double(seconds))
    }

    private static func relative(_ rest: Substring, now: Int64) -> Int64? {
        if rest.isEmpty { return now }
        guard let sign = rest.first, sign == "-" || sign == "+", let unit = rest.last else { return nil }
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        guard let scale = units[unit], let count = Int64(rest.dropFirst().dropLast()), count >= 0,
              count <= 100_000 * 86_400 / scale
        else { return nil }
        return sign == "-" ? now - count * scale : now + count * scale
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DD[T ]HH:MM[:SS](Z|±HH[:]MM)`.
    private static func iso8601(_ bytes: [UInt8]) -> Int64? {
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count else { return nil }
            var value: Int64 = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(0 ..< 4), let month = number(5 ..< 7), let day = number(8 ..< 10),
              (1 ... 12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        let date = Int64(UTCCalendar.days(year: Int(year), month: Int(month), day: Int(day))) * 86_400
        if bytes.count == 10 { return date }
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), let hour = number(11 ..< 13), let minute = number(14 ..< 16),
              hour < 24, minute < 60
        else { return nil }
        var position = 16
        var second: Int64 = 0
        if position < bytes.count, bytes[position] == UInt8(ascii: ":") {
            guard let value = number(17 ..< 19), value < 60 else { return nil }
            second = value
            position = 19
        }
        guard position < bytes.count else { return nil }
        var offset: Int64 = 0
        switch bytes[position] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard position + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let negative = bytes[position] == UInt8(ascii: "-")
            guard let hours = number(position + 1 ..< position + 3), hours < 24 else { return nil }
            var minuteStart = position + 3
            if minuteStart < bytes.count, bytes[minuteStart] == UInt8(ascii: ":") { minuteStart += 1 }
            guard minuteStart + 2 == bytes.count, let minutes = number(minuteStart ..< minuteStart + 2), minutes < 60
            else { return nil }
            offset = (hours * 3_600 + minutes * 60) * (negative ? -1 : 1)
        default:
            return nil
        }
        return date + hour * 3_600 + minute * 60 + second - offset
    }

    private static func isLeap(_ year: Int64) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
