/// Lengths of time written as a whole count and one unit: `90s`, `5m`, `1h`, `7d`, `2w`.
///
/// The one reader of such text in Workbench (feature windows, retrain hold-outs, pull buckets, `now-30d`);
/// callers narrow the units and the range to what they accept and word their own errors.
public enum DurationText {
    /// Seconds per unit letter: s, m, h, d, w.
    public static let unitSeconds: [(unit: Character, seconds: Int)] = [
        ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1),
    ]

    /// Seconds in `text`: ASCII digits (no sign) then one unit letter from `units`; nil for anything else,
    /// for a zero count unless `allowingZero`, and beyond `limit` seconds.
    public static func seconds(_ text: String, units: String = "smhdw", allowingZero: Bool = false,
                               limit: Int = 10_000 * 604_800) -> Int? {
        guard let unit = text.last, units.contains(unit),
              let scale = unitSeconds.first(where: { $0.unit == unit })?.seconds
        else { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(digits),
              count >= (allowingZero ? 0 : 1)
        else { return nil }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow || seconds > limit ? nil : seconds
    }
}
