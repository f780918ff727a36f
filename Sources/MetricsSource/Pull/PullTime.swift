import NumericCore

/// Parses the `--from`/`--to` times of a pull into Unix seconds (UTC).
///
/// Accepted forms:
/// - relative: `now`, `now-30d`, `now-12h`, `now-15m`, `now-90s`, `now-2w`
///   (also `+`), relative to the `now` the caller passes;
/// - ISO-8601 with a zone, in whole seconds, as `UTCCalendar.parseISO8601` reads it:
///   `2026-01-05T00:00:00Z`, `2026-01-05T02:00+02:00`, `2026-01-05 00:00:00Z`;
///   a date alone (`2026-01-05`) is midnight UTC.
/// A date-time without a zone is refused rather than guessed.
public enum PullTime {
    /// `text` as Unix seconds.
    /// - Parameter now: the current time in Unix seconds, for relative forms.
    /// - Throws: `MetricsSourceError.invalidRequest` quoting the text and the accepted forms.
    public static func parse(_ text: String, now: Int64) throws(MetricsSourceError) -> Int64 {
        let trimmed = text.trimmingTrailingNewlines()
        if trimmed.hasPrefix("now") {
            if let value = relative(trimmed.dropFirst(3), now: now) { return value }
        } else if let value = iso8601(trimmed) {
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
        guard let sign = rest.first, sign == "-" || sign == "+",
              let seconds = DurationText.seconds(String(rest.dropFirst()), allowingZero: true, limit: 100_000 * 86_400)
        else { return nil }
        return sign == "-" ? now - Int64(seconds) : now + Int64(seconds)
    }

    /// Whole seconds of ISO-8601 `text` with a zone (a date alone is midnight UTC), as `UTCCalendar`
    /// reads it; nil for other text and for fractions of a second.
    private static func iso8601(_ text: String) -> Int64? {
        guard let seconds = UTCCalendar.parseISO8601(text, requiringZone: true), seconds == seconds.rounded(.down)
        else { return nil }
        return Int64(seconds)
    }
}
