import ArgumentParser
import Foundation
import MetricsSource
import Synchronization

/// The one way `workbench` writes to standard error: messages, warnings, the final error and, through
/// `WorkbenchLogHandler`, swift-log records from the libraries.
///
/// Text mode writes one escaped line per message, as the commands always have (`warning: …`, `error: …`).
/// JSON mode (`--log-format json` or `WORKBENCH_LOG_FORMAT=json`) writes one JSON object per line with
/// `ts`, `level`, `command`, `message` and the message's fields; a failing command's last error line has
/// `exit_code`, and a successful run ends with a `finished` line. In both modes every message first loses
/// the secrets of every connection string the command uses (`ConnectionSettings.redact`).
enum Log {
    private struct State {
        var format: LogFormat = .text
        var command = "workbench"
        var start = ContinuousClock.now
        var redactions = [ConnectionSettings(dsn: ProcessInfo.processInfo.environment["WORKBENCH_DSN"] ?? "")]
        var failureLogged = false
        var context: [String: LogValue] = [:]
    }

    private static let state = Mutex(State())

    /// Records the command path (`models list`) and the format read before parsing; starts the run's clock.
    static func begin(command: String, format: LogFormat) {
        state.withLock {
            $0.command = command
            $0.format = format
            $0.start = .now
            $0.failureLogged = false
            $0.context = [:]
        }
    }

    /// Adds fields (`tenant`, `model`, `rows`, …) to the run's last line: `finished`, or the final error.
    static func context(_ fields: [String: LogValue]) {
        state.withLock { $0.context.merge(fields) { $1 } }
    }

    /// Sets the format the parsed `--log-format` / `$WORKBENCH_LOG_FORMAT` ask for.
    static func configure(format: LogFormat) {
        state.withLock { $0.format = format }
    }

    /// The format in effect.
    static var format: LogFormat { state.withLock { $0.format } }

    /// True when progress may redraw on standard error: text mode and a terminal.
    static var showsProgress: Bool { format == .text && standardErrorIsTerminal }

    /// Seconds since `begin`.
    static var elapsedSeconds: Double { PhaseTimings.seconds(ContinuousClock.now - state.withLock { $0.start }) }

    /// Removes the secrets of `settings` (its DSN's passwords, `PGPASSWORD`) from every later line.
    /// `$WORKBENCH_DSN`'s password and `PGPASSWORD` are redacted from the start, whatever the command.
    static func redacting(_ settings: ConnectionSettings) {
        state.withLock { $0.redactions.append(settings) }
    }

    /// Information: plain text in text mode.
    static func info(_ message: String, _ fields: [String: LogValue] = [:]) {
        write(LogLine(level: .info, message: message, fields: fields))
    }

    /// Something the user should act on but that does not fail the command: `note: …` in text mode.
    static func notice(_ message: String, _ fields: [String: LogValue] = [:]) {
        write(LogLine(level: .notice, message: message, fields: fields))
    }

    /// A problem that does not change the exit status: `warning: …` in text mode.
    static func warning(_ message: String, _ fields: [String: LogValue] = [:]) {
        write(LogLine(level: .warning, message: message, fields: fields))
    }

    /// A structured event for log collectors: JSON mode only (text mode has the command's own output).
    static func event(_ message: String, _ fields: [String: LogValue] = [:]) {
        guard format == .json else { return }
        write(LogLine(level: .info, message: message, fields: fields))
    }

    /// Logs the error that ends the command (`error: …` in text mode; in JSON with `exit_code`, `elapsed_s`
    /// and the `context` fields) and returns the `ExitCode` to throw.
    static func failure(_ message: String, status: Int32, _ fields: [String: LogValue] = [:]) -> ExitCode {
        var fields = state.withLock { $0.context }.merging(fields) { $1 }
        fields["exit_code"] = .int(Int(status))
        fields["elapsed_s"] = .double(rounded(elapsedSeconds))
        write(LogLine(level: .error, message: message, fields: fields))
        state.withLock { $0.failureLogged = true }
        return ExitCode(status)
    }

    /// Ends a run in JSON mode: after success, `finished` with `exit_code` 0, `elapsed_s` and the `context`
    /// fields; after a failure whose error was not logged yet (an exit status the command's output explains,
    /// e.g. a rejected gate), an error line with the status. Text mode writes nothing.
    static func finish(status: Int32) {
        guard format == .json else { return }
        if status == 0 {
            var fields = state.withLock { $0.context }
            fields["exit_code"] = 0
            fields["elapsed_s"] = .double(rounded(elapsedSeconds))
            write(LogLine(level: .info, message: "finished", fields: fields))
        } else if !state.withLock({ $0.failureLogged }) {
            _ = failure("exited with status \(status)", status: status)
        }
    }

    /// Writes `line` in the current format after redacting its message and string fields.
    static func write(_ line: LogLine) {
        let (format, command, redactions) = state.withLock { ($0.format, $0.command, $0.redactions) }
        var line = line
        line.message = redact(line.message, with: redactions)
        for (key, value) in line.fields {
            if case .string(let text) = value { line.fields[key] = .string(redact(text, with: redactions)) }
        }
        switch format {
        case .text: writeStandardError(line.text() + "\n")
        case .json: writeStandardError(line.json(time: Date().timeIntervalSince1970, command: command) + "\n")
        }
    }

    /// `text` without the secrets `Log` knows, for text written around `Log` (argument-parser's usage).
    static func redacted(_ text: String) -> String {
        redact(text, with: state.withLock { $0.redactions })
    }

    private static func redact(_ text: String, with redactions: [ConnectionSettings]) -> String {
        redactions.reduce(text) { $1.redact($0) }
    }

    /// Seconds to the millisecond, for `elapsed_s`.
    static func rounded(_ seconds: Double) -> Double {
        (seconds * 1000).rounded() / 1000
    }
}
