/// Proleptic Gregorian calendar arithmetic on Unix seconds, in UTC, without Foundation or the locale.
///
/// The one home of date arithmetic in Workbench (pull windows, feature time columns, split labels, chart
/// axes). Day numbers use Howard Hinnant's `days_from_civil` / `civil_from_days`, exact for every date.
public enum UTCCalendar {
    /// A calendar date and time of day.
    public struct Components: Sendable, Equatable {
        public var year: Int
        public var month: Int
        public var day: Int
        public var hour: Int
        public var minute: Int
        public var second: Int
    }

    /// Days since 1970-01-01 of `year`-`month`-`day` (month 1 … 12, day 1 … 31).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of day number `days` (days since 1970-01-01).
    public static func date(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The date and time of `seconds` since 1970-01-01T00:00:00Z, rounded down to whole seconds.
    public static func components(_ seconds: Double) -> Components {
        components(Int(seconds.rounded(.down)))
    }

    /// The date and time of whole `seconds` since 1970-01-01T00:00:00Z.
    public static func components(_ seconds: Int) -> Components {
        let (quotient, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let days = remainder < 0 ? quotient - 1 : quotient
        let secondOfDay = remainder < 0 ? remainder + 86_400 : remainder
        let (year, month, day) = date(fromDays: days)
        return Components(year: year, month: month, day: day, hour: secondOfDay / 3_600,
                          minute: secondOfDay % 3_600 / 60, second: secondOfDay % 60)
    }

    /// `2026-01-05T00:00:00Z` for `seconds` since the epoch (whole seconds, rounded down).
    public static func iso8601(_ seconds: Double) -> String {
        let c = components(seconds)
        return "\(padded(c.year, 4))-\(padded(c.month, 2))-\(padded(c.day, 2))T"
            + "\(padded(c.hour, 2)):\(padded(c.minute, 2)):\(padded(c.second, 2))Z"
    }

    /// `value` with leading zeros to `width` digits (negative and wider values as they are).
    public static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return value >= 0 && text.count < width ? String(repeating: "0", count: width - text.count) + text : text
    }
}
