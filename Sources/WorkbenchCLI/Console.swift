#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Logs `message` through `Log`; results go to stdout, everything else here. A leading `error: `,
/// `warning: ` or `note: ` sets the level (text mode prints the message exactly as given); prefer
/// `Log.warning(_:_:)` and friends, which also take structured fields.
///
/// Line breaks and other control characters in the message (they come from data cells, file
/// names and model names) are escaped, so every message is exactly one line in a log.
func printError(_ message: String) {
    for level in [LogLevel.error, .warning, .notice] where message.hasPrefix(level.textPrefix) {
        Log.write(LogLine(level: level, message: String(message.dropFirst(level.textPrefix.count))))
        return
    }
    Log.write(LogLine(level: .info, message: message))
}

/// Writes `text` to standard error unchanged (`Log` writes every line through here).
func writeStandardError(_ text: String) {
    text.utf8CString.withUnsafeBufferPointer { buffer in
        _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count - 1)
    }
}

/// Ends the process with `status` after flushing stdout (C `exit`).
func terminate(_ status: Int32) -> Never {
    exit(status)
}

/// True when standard error is a terminal, so progress lines may redraw in place.
var standardErrorIsTerminal: Bool {
    isatty(STDERR_FILENO) != 0
}

/// How text from outside (data, paths, names) is made safe for a one-line message.
enum ConsoleText {
    /// `text` with every control character escaped: `\n`, `\r`, `\t` as in Swift string
    /// literals, any other C0 or C1 control, DEL and the Unicode line and paragraph separators
    /// as `\u{…}`, so a terminal neither breaks the line nor obeys escape sequences.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where needsEscape(scalar): escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Control characters and line separators.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
