import Foundation

/// JSON and number formatting shared by the `models` commands.
enum ModelsJSON {
    /// `value` as pretty, key-sorted JSON.
    static func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A metric with at most 4 decimals, trailing zeros dropped.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
