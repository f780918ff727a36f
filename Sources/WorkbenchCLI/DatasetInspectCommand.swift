import ArgumentParser
import Datasets
import Foundation

/// `workbench dataset inspect FILE`: size, column types, missing counts and min/mean/max per column.
struct DatasetInspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a data set's rows, columns, types, missing counts and min/mean/max.",
        discussion: """
            FILE is CSV (.csv) or HDF5 (.h5, .hdf5) by its extension. In a CSV file a column \
            is numeric when every cell is a number or empty (empty, NaN and nan are missing), \
            text otherwise. HDF5 files also show their lineage attributes.
            """
    )

    @Argument(help: ArgumentHelp("The data set to inspect.", valueName: "file"))
    var file: String

    @Flag(help: "Print {file, rows, attributes, columns: [{name, type, missing, min, mean, max}]} as JSON.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await reportingErrors {
            // Reading first: a missing file is 66 whatever its name; an unknown extension is 64.
            let dataset = try DatasetIO.read(path: file, csvOptions: .inferred)
            let format = try DatasetIO.Format(path: file)
            let attributes = format == .hdf5 ? try Dataset.readHDF5Attributes(path: file) : [:]
            if json {
                print(try ModelsJSON.text(Inspection(file: file, dataset: dataset, attributes: attributes)))
            } else {
                print(Self.report(file: file, dataset: dataset, attributes: attributes), terminator: "")
            }
        }
    }

    /// The text printed for `dataset`: a header block, then one table row per column.
    static func report(file: String, dataset: Dataset, attributes: [String: String]) -> String {
        var text = "file: \(file)\nrows: \(dataset.rowCount)\ncolumns: \(dataset.columns.count)\n"
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            text += "attribute \(name): \(value)\n"
        }
        let header = ["column", "type", "missing", "min", "mean", "max"]
        let rows = dataset.summaries().map { summary in
            [summary.name, summary.isText ? "text" : "numeric", String(summary.missingCount),
             format(summary.minimum), format(summary.mean), format(summary.maximum)]
        }
        text += "\n" + table([header] + rows, rightAligned: [false, false, true, true, true, true])
        return text
    }

    /// A whole number in full (timestamps stay readable), another in 6 significant
    /// digits (`%.6g`); "-" when there is none.
    private static func format(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6g", value)
    }

    /// Rows laid out in columns two spaces apart, each padded to its widest cell.
    private static func table(_ rows: [[String]], rightAligned: [Bool]) -> String {
        var widths = [Int](repeating: 0, count: rightAligned.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned[index] ? padding + cell : cell + padding
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        .joined(separator: "\n") + "\n"
    }
}

/// `dataset inspect --json`: the same facts as the table, numbers in full (null when a column has none).
struct Inspection: Encodable {
    struct ColumnFacts: Encodable {
        let name: String
        let type: String
        let missing: Int
        let min: Double?
        let mean: Double?
        let max: Double?

        enum CodingKeys: String, CodingKey { case name, type, missing, min, mean, max }

        /// Writes `null` for a figure a column does not have (text columns, all missing).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(type, forKey: .type)
            try container.encode(missing, forKey: .missing)
            try container.encode(min, forKey: .min)
            try container.encode(mean, forKey: .mean)
            try container.encode(max, forKey: .max)
        }
    }

    let file: String
    let rows: Int
    let attributes: [String: String]
    let columns: [ColumnFacts]

    init(file: String, dataset: Dataset, attributes: [String: String]) {
        self.file = file
        rows = dataset.rowCount
        self.attributes = attributes
        columns = dataset.summaries().map { summary in
            ColumnFacts(name: summary.name, type: summary.isText ? "text" : "numeric", missing: summary.missingCount,
                        min: summary.minimum, mean: summary.mean, max: summary.maximum)
        }
    }

    enum CodingKeys: String, CodingKey { case file, rows, attributes, columns }
}
