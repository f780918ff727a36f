/// GitHub-flavoured Markdown tables and fixed number formatting for report text.
public enum MarkdownTable {
    /// A table with `header` and `rows`; `rightAligned[i]` right-aligns column i (numbers).
    /// Pipes in cells are escaped so a value cannot break the table.
    public static func render(header: [String], rows: [[String]], rightAligned: [Bool]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        let separator = "|" + header.indices.map { index in
            index < rightAligned.count && rightAligned[index] ? "---:|" : "---|"
        }.joined() + "\n"
        return line(header) + separator + rows.map(line).joined()
    }
}

/// Number formats for report text: fixed decimals, never locale-dependent.
enum ReportNumber {
    /// A metric: 4 decimals.
    static func metric(_ value: Double) -> String { SVGNumber.fixed(value, decimals: 4) }

    /// A signed difference: "+0.0120", "-0.0031".
    static func signed(_ value: Double, decimals: Int = 4) -> String {
        let text = SVGNumber.fixed(value, decimals: decimals)
        return text.hasPrefix("-") ? text : "+" + text
    }

    /// An optional value with `decimals`, "–" when missing.
    static func optional(_ value: Double?, decimals: Int) -> String {
        value.map { SVGNumber.fixed($0, decimals: decimals) } ?? "–"
    }
}
