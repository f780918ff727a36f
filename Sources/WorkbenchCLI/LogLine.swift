import NumericCore

/// One line on standard error, rendered in either format. Pure, so tests can check the exact text.
struct LogLine: Sendable {
    /// The keys every JSON line has, in this order; fields cannot replace them.
    static let requiredKeys = ["ts", "level", "command", "message"]

    var level: LogLevel
    var message: String
    var fields: [String: LogValue] = [:]

    /// `prefix message` on one line, control characters escaped (`ConsoleText.oneLine`); fields are not shown.
    func text() -> String {
        ConsoleText.oneLine(level.textPrefix + message)
    }

    /// One JSON object on one line: `ts` (ISO 8601 UTC with milliseconds), `level`, `command`, `message`,
    /// then the fields by name. A field named like a required key is written as `field_NAME`.
    func json(time: Double, command: String) -> String {
        var text = "{\"ts\":" + JSONText.quoted(Self.timestamp(time))
            + ",\"level\":" + JSONText.quoted(level.rawValue)
            + ",\"command\":" + JSONText.quoted(command)
            + ",\"message\":" + JSONText.quoted(message)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            let name = Self.requiredKeys.contains(key) ? "field_" + key : key
            text += "," + JSONText.quoted(name) + ":" + Self.encode(value)
        }
        return text + "}"
    }

    /// `2026-01-05T00:00:00.250Z` for `seconds` since the epoch.
    static func timestamp(_ seconds: Double) -> String {
        let whole = seconds.rounded(.down)
        let milliseconds = min(999, Int(((seconds - whole) * 1000).rounded(.down)))
        return String(UTCCalendar.iso8601(whole).dropLast()) + "." + UTCCalendar.padded(milliseconds, 3) + "Z"
    }

    private static func encode(_ value: LogValue) -> String {
        switch value {
        case .string(let text): JSONText.quoted(text)
        case .int(let number): String(number)
        case .double(let number): number.isFinite ? String(number) : "null"
        }
    }
}
