import NumericCore

/// A positive length of time written as a count and one unit: `30s`, `5m`, `1h`, `1d`, `1w`.
///
/// The text form is canonical: the largest unit that divides the length evenly (`60m` reads
/// back as `1h`), so feature names such as `rolling_mean_1h` do not depend on spelling.
public struct FeatureDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in seconds, at least 1.
    public let seconds: Int

    /// A duration of `seconds` seconds; nil unless `seconds` ≥ 1.
    public init?(seconds: Int) {
        guard seconds >= 1 else { return nil }
        self.seconds = seconds
    }

    /// Parses `5m`-style text (digits then one of s, m, h, d, w) as `DurationText` reads it; nil for
    /// anything else, including zero and lengths beyond 10 000 weeks.
    public init?(_ text: String) {
        guard let seconds = DurationText.seconds(text, limit: 10_000 * 604_800) else { return nil }
        self.seconds = seconds
    }

    /// The canonical text, e.g. `1h` for 3600 seconds.
    public var description: String {
        let unit = DurationText.unitSeconds.first { seconds % $0.seconds == 0 }!
        return "\(seconds / unit.seconds)\(unit.unit)"
    }

    public static func < (lhs: FeatureDuration, rhs: FeatureDuration) -> Bool {
        lhs.seconds < rhs.seconds
    }
}
