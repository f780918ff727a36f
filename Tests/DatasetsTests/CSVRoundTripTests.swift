import Foundation
import NumericCore
import Testing
import TestSupport
@testable import Datasets

@Suite("CSV write then read")
struct CSVRoundTripTests {
    /// A data set with awkward values in every column kind.
    static func awkwardDataset(rows: Int, seed: UInt64) throws -> Dataset {
        var random = SeededRandom(seed: seed, stream: 0)
        let words = ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", " padded ", "Zürich 東京", "'single'"]
        var numbers: [Double] = []
        var wide: [Double] = []
        var texts: [String?] = []
        for row in 0 ..< rows {
            numbers.append(row % 7 == 3 ? .nan : (random.nextUnitDouble() - 0.5) * 1e6)
            let exponent = Double(random.nextIndex(below: 600)) - 300
            wide.append(random.nextGaussian() * pow(10, exponent))
            texts.append(row % 5 == 1 ? nil : words[random.nextIndex(below: words.count)])
        }
        return try Dataset(columns: [
            Column(name: "value", data: .numeric(numbers)),
            Column(name: "wide range", data: .numeric(wide)),
            Column(name: "note, quoted \"name\"", data: .text(texts)),
            Column(name: "integers", data: .numeric((0 ..< rows).map { Double($0 * 1_000_003 - 5_000_000) })),
        ])
    }

    @Test("every value, missing cell and name survives a round trip", arguments: [1, 2, 3])
    func roundTrip(seed: UInt64) throws {
        let dataset = try Self.awkwardDataset(rows: 500, seed: seed)
        let path = try TestSupport.makeTemporaryDirectory().appendingPathComponent("r.csv").path
        try CSVWriter.write(dataset, to: path)
        let options = CSVReadOptions(columnTypes: .numeric(allowingTextIn: ["note, quoted \"name\""]), chunkSize: 1000)
        let back = try CSVReader.read(path: path, options: options)
        #expect(back.columnNames == dataset.columnNames)
        for (original, read) in zip(dataset.columns, back.columns) {
            switch (original.data, read.data) {
            case (.numeric(let a), .numeric(let b)):
                #expect(a.map(\.bitPattern) == b.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern }, "\(original.name)")
            case (.text(let a), .text(let b)):
                #expect(a == b, "\(original.name)")
            default:
                Issue.record("column '\(original.name)' changed kind")
            }
        }
    }

    @Test("a one-column data set with missing cells survives")
    func oneColumn() throws {
        let dataset = try Dataset(columns: [Column(name: "x", data: .numeric([1, .nan, 3, .nan]))])
        let path = try TestSupport.makeTemporaryDirectory().appendingPathComponent("one.csv").path
        try DatasetIO.write(dataset, to: path)
        let back = try DatasetIO.read(path: path)
        #expect(back.rowCount == 4)
        #expect(back.columns[0].missingCount == 2)
    }
}
