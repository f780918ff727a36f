import ArgumentParser
import Foundation

/// `--log-format`, shared by every command: the flag wins over `$WORKBENCH_LOG_FORMAT`, text is the default.
/// Validating the options configures `Log`, so the format holds from the first line the command writes.
struct LoggingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Log format on stderr; json writes one JSON object per line (ts, level, command, message, fields) and no progress.",
        discussion: "Default: $WORKBENCH_LOG_FORMAT, else text.", valueName: "format"))
    var logFormat: LogFormat?

    /// The format in effect: the flag, else the environment variable, else text.
    /// - Throws: `ValidationError` when the environment variable holds neither `text` nor `json`.
    func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LogFormat {
        if let logFormat { return logFormat }
        guard let value = environment[LogFormat.environmentVariable], !value.isEmpty else { return .text }
        guard let format = LogFormat(rawValue: value) else {
            throw ValidationError("\(LogFormat.environmentVariable) must be text or json; got '\(ConsoleText.oneLine(value))'.")
        }
        return format
    }

    func validate() throws {
        Log.configure(format: try resolved())
    }
}
