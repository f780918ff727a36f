import Foundation
import NumericCore
import Testing
import TestSupport
@testable import Datasets

@Suite("Bundled ODDS data sets read as their README says")
struct CSVBundledDataTests {
    /// One row of the table in datasets/odds/README.md.
    struct Entry: Sendable, CustomTestStringConvertible {
        let file: String
        let rows: Int
        let features: Int
        let anomalyPercent: Double
        let sha256Prefix: String
        var testDescription: String { file }
    }

    /// The README's table rows, e.g. "| shuttle.csv | 49097 | 9 | 7.15 | 1.00 | `1fc940b0bba548da` |".
    static let entries: [Entry] = {
        let readme = TestSupport.datasetsDirectory.appendingPathComponent("odds/README.md")
        let text = (try? String(contentsOf: readme, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line -> Entry? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 6, cells[0].hasSuffix(".csv"),
                  let rows = Int(cells[1]), let features = Int(cells[2]), let percent = Double(cells[3]) else { return nil }
            return Entry(file: cells[0], rows: rows, features: features, anomalyPercent: percent,
                         sha256Prefix: cells[5].trimmingCharacters(in: CharacterSet(charactersIn: "`")))
        }
    }()

    @Test("the README lists the seven data sets")
    func tableParsed() {
        #expect(Self.entries.map(\.file).sorted()
            == ["Ionosphere.csv", "Pima.csv", "annthyroid.csv", "breastw.csv", "mammography.csv", "satellite.csv", "shuttle.csv"])
    }

    @Test("rows, features, labels and checksum match the README", arguments: entries)
    func read(_ entry: Entry) throws {
        let url = TestSupport.datasetsDirectory.appendingPathComponent("odds").appendingPathComponent(entry.file)
        #expect(Digest.sha256Hex(try Data(contentsOf: url)).hasPrefix(entry.sha256Prefix))
        let data = try CSVReader.read(path: url.path)
        #expect(data.rowCount == entry.rows)
        #expect(data.columnNames == (0 ..< entry.features).map { "f\($0)" } + ["label"])
        #expect(data.columns.allSatisfy { $0.missingCount == 0 })
        let labels = try #require(data.column(named: "label")?.numbers)
        #expect(labels.allSatisfy { $0 == 0 || $0 == 1 })
        let percent = 100 * labels.reduce(0, +) / Double(labels.count)
        #expect(abs(percent - entry.anomalyPercent) < 0.01)
    }
}
