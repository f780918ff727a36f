import Foundation

/// Fixed number formatting for SVG coordinates and labels, so the same values give the same bytes.
///
/// `String(format:)` with the POSIX locale is used throughout: no locale, no platform-dependent
/// shortest-representation printing.
enum SVGNumber {
    /// A coordinate with at most two decimals and no trailing zeros ("12.5", "3", never "-0").
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = String(format: "%.2f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `value` with exactly `decimals` decimals ("0.50"); "-0.00" becomes "0.00".
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        let text = String(format: "%.\(max(0, decimals))f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }
}
