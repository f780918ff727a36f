import Foundation
import Testing
import TestSupport
@testable import Datasets

@Suite("Data-set inputs and outputs: missing files before formats")
struct DatasetIOInputTests {
    @Test("a missing file is inputMissing whatever its extension", arguments: ["x.txt", "x.csv", "x.h5", "x"])
    func missing(name: String) throws {
        let directory = try TestSupport.makeTemporaryDirectory("dataset-io")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("d").appendingPathComponent(name).path
        #expect(throws: DatasetError.inputMissing(path: path, reason: "No such file or directory")) {
            try DatasetIO.read(path: path)
        }
    }

    @Test("an existing file with an unknown extension is unsupportedFormat")
    func unknownExtension() throws {
        let path = try CSVTestFiles.write("a\n1\n", name: "x.txt")
        #expect(throws: DatasetError.unsupportedFormat("\(path): unknown data-set format '.txt'; expected .csv, .h5 or .hdf5.")) {
            try DatasetIO.read(path: path)
        }
        let dataset = try Dataset(columns: [Column(name: "a", data: .numeric([1]))])
        let output = path.replacingOccurrences(of: "x.txt", with: "y.txt")
        #expect(throws: DatasetError.unsupportedFormat("\(output): unknown data-set format '.txt'; expected .csv, .h5 or .hdf5.")) {
            try DatasetIO.write(dataset, to: output)
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("synthetic output must be named .csv or have no extension")
    func syntheticOutput() throws {
        try SyntheticMetrics.CSVPaths.checkOutput("out/metrics.csv")
        try SyntheticMetrics.CSVPaths.checkOutput("out/metrics.CSV")
        try SyntheticMetrics.CSVPaths.checkOutput("out/metrics")
        #expect(throws: DatasetError.unsupportedFormat(
            "p/x.txt: synthetic metrics are written as CSV; name the file .csv (got '.txt').")) {
            try SyntheticMetrics.CSVPaths.checkOutput("p/x.txt")
        }
        #expect(throws: DatasetError.self) { try SyntheticMetrics.CSVPaths.checkOutput("metrics.h5") }
    }
}
