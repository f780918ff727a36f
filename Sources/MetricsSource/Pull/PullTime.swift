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
        let (days, secondOfDay) = divide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = year >= 0 && year < 10_000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3_600)):\(two(secondOfDay % 3_600 / 60)):\(two(secondOfDay % 60))Z"
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
        let date = days(year: year, month: month, day: day) * 86_400
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

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    private static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `days(year:month:day:)` (civil_from_days).
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func divide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
