import NumericCore

/// The width of the time buckets a pull aggregates into, in whole seconds.
///
/// Buckets are aligned on the Unix epoch in UTC (origin 1970-01-01T00:00:00Z),
/// so a `1d` bucket runs from midnight to midnight UTC and every width lines
/// up with the collectors' scrape times.
public struct BucketWidth: Sendable, Hashable, CustomStringConvertible {
    /// Seconds per bucket, at least 1.
    public let seconds: Int64

    /// A width of `seconds`.
    /// - Throws: `MetricsSourceError.invalidRequest` unless 1 s ≤ `seconds` ≤ 366 days.
    public init(seconds: Int64) throws(MetricsSourceError) {
        guard seconds >= 1, seconds <= 366 * 86_400 else {
            throw .invalidRequest("The bucket width must be between 1 second and 366 days; got \(seconds) s.")
        }
        self.seconds = seconds
    }

    /// Parses `30s`, `1m`, `5m`, `1h`, `1d` (a positive whole number and a unit s, m, h or d).
    /// - Throws: `MetricsSourceError.invalidRequest` quoting the text.
    public static func parse(_ text: String) throws(MetricsSourceError) -> BucketWidth {
        guard let seconds = DurationText.seconds(text, units: "smhd", limit: Int.max) else {
            throw .invalidRequest("The bucket must look like 1m, 5m, 1h or 1d (a positive whole number and a unit s, m, h or d); got '\(text.truncatedForMessage())'.")
        }
        return try BucketWidth(seconds: Int64(seconds))
    }

    /// The SQL interval text, e.g. `300 seconds`.
    var intervalText: String { "\(seconds) seconds" }

    /// The shortest exact form: `90s`, `5m`, `1h`, `1d`.
    public var description: String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }

    /// The start of the bucket holding `time` (floor towards −∞).
    func floor(_ time: Int64) -> Int64 {
        let (quotient, remainder) = time.quotientAndRemainder(dividingBy: seconds)
        return (remainder < 0 ? quotient - 1 : quotient) * seconds
    }

    /// The first bucket start at or after `time`.
    func ceiling(_ time: Int64) -> Int64 {
        let start = floor(time)
        return start == time ? time : start + seconds
    }
}
