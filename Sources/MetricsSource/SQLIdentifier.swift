/// A validated SQL identifier (schema or table name from configuration) and its quoted form.
///
/// Names of schemas and tables cannot be bind parameters, so they are spliced
/// into statements, but only after validation: `[A-Za-z_][A-Za-z0-9_]*`, at
/// most 63 bytes (PostgreSQL's NAMEDATALEN − 1; longer names would be silently
/// truncated by the server). The quoted form keeps the exact case.
public struct SQLIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The name as given.
    public let name: String

    /// Validates `name`.
    /// - Parameter role: what the name is for, used in the error ("schema").
    /// - Throws: `MetricsSourceError.configuration` naming the value (truncated
    ///   to 80 characters) and the accepted form.
    public init(_ name: String, role: String = "identifier") throws(MetricsSourceError) {
        let bytes = Array(name.utf8)
        func isLetter(_ byte: UInt8) -> Bool {
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
        }
        let valid = !bytes.isEmpty && bytes.count <= 63 && isLetter(bytes[0])
            && bytes.allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) }
        guard valid else {
            throw .configuration(
                "The \(role) name '\(name.truncatedForMessage(80))' is not accepted; expected 1 to 63 ASCII letters, digits or underscores, not starting with a digit.")
        }
        self.name = name
    }

    /// The name in double quotes, ready to splice into SQL.
    public var quoted: String { "\"\(name)\"" }

    public var description: String { quoted }

    /// `schema.name`, both quoted.
    public func qualifying(_ table: SQLIdentifier) -> String {
        "\(quoted).\(table.quoted)"
    }
}

extension String {
    /// The string cut to `limit` characters with "…" appended when longer, so a
    /// 10 KB hostile name cannot flood a message.
    func truncatedForMessage(_ limit: Int = 64) -> String {
        count <= limit ? self : String(prefix(limit)) + "…"
    }
}
