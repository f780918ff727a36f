/// JSON text written by hand where `JSONEncoder` does not fit (canonical spec JSON, one-line logs).
public enum JSONText {
    /// `text` as a JSON string: quotes, backslashes and every control character escaped (`\n`, `\r`,
    /// `\t`, others as `\u00XX`), plus DEL, U+2028 and U+2029 so the text is also valid JavaScript and
    /// never breaks a log line.
    public static func quoted(_ text: String) -> String {
        var escaped = "\""
        escaped.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
