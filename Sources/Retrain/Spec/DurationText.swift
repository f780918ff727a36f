/// Durations written as a count and a unit: `90s`, `5m`, `1h`, `7d`, `2w`.
public enum DurationText {
    /// Seconds in `text`, or nil when it is not a positive count followed by s, m, h, d or w.
    public static func seconds(_ text: String) -> Int? {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0 else { return nil }
        let scale: Int
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86400
        case "w": scale = 604_800
        default: return nil
        }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? nil : seconds
    }
}
