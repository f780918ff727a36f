import Foundation
import NumericCore

/// Time axis ticks at round UTC times (minutes, hours, days, weeks) and their labels.
///
/// Times are seconds since 1970-01-01T00:00:00Z. Calendar arithmetic is `NumericCore.UTCCalendar`'s,
/// not a `DateFormatter`'s, so labels never depend on the locale or time zone.
public enum TimeTicks {
    private static let steps: [Double] = [
        60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600,
        86_400, 2 * 86_400, 7 * 86_400, 14 * 86_400, 28 * 86_400, 91 * 86_400, 364 * 86_400,
    ]

    /// Ticks inside `lower...upper`, at most `maximumCount`, at multiples of a round step.
    /// - Returns: the tick times and whether labels show the date only (steps of a day or more).
    public static func ticks(lower: Double, upper: Double, maximumCount: Int) -> (values: [Double], dateOnly: Bool) {
        let span = max(upper - lower, 60)
        let step = steps.first { span / $0 <= Double(max(1, maximumCount - 1)) } ?? steps[steps.count - 1]
        // Weekly and longer steps start on Mondays (1970-01-05 was one), not on the epoch's Thursday.
        let origin = step >= 7 * 86_400 ? 4 * 86_400.0 : 0
        let first = ceil((lower - origin) / step - 1e-9) * step + origin
        let values = stride(from: first, through: upper + 1e-6, by: step).map { $0 }
        return (values, step >= 86_400)
    }

    /// "2026-11-03" when `dateOnly`, otherwise "11-03 14:00".
    public static func label(_ time: Double, dateOnly: Bool) -> String {
        let (year, month, day, hour, minute) = components(time)
        if dateOnly {
            return String(format: "%04d-%02d-%02d", year, month, day)
        }
        return String(format: "%02d-%02d %02d:%02d", month, day, hour, minute)
    }

    /// An ISO 8601 UTC timestamp to the minute ("2026-11-03T14:05Z"), used in descriptions and tables.
    public static func iso(_ time: Double) -> String {
        let (year, month, day, hour, minute) = components(time)
        return String(format: "%04d-%02d-%02dT%02d:%02dZ", year, month, day, hour, minute)
    }

    static func components(_ time: Double) -> (Int, Int, Int, Int, Int) {
        let c = UTCCalendar.components(time)
        return (c.year, c.month, c.day, c.hour, c.minute)
    }
}
