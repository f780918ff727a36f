import Logging

/// swift-log's records (the libraries log retries and connections through `Logger`) written by `Log`, so
/// they share the format, the command field and the redaction of every other line. Installed once by
/// `Workbench.main()`; records below `.info` are dropped unless the logger's level is lowered.
struct WorkbenchLogHandler: LogHandler {
    /// The logger's label (`workbench.db`), written as the `logger` field in JSON.
    let label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: LogValue] = ["logger": .string(label)]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = Self.value(value)
        }
        Log.write(LogLine(level: LogLevel(rawValue: event.level.rawValue) ?? .info, message: "\(event.message)", fields: fields))
    }

    /// Integers and floating-point numbers stay numbers in JSON; everything else is its text.
    private static func value(_ value: Logger.MetadataValue) -> LogValue {
        switch value {
        case .stringConvertible(let number as Int): .int(number)
        case .stringConvertible(let number as Double): .double(number)
        default: .string(value.description)
        }
    }
}
