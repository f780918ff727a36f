import Foundation
import HDF5Kit
import NumericCore
import Testing
import TestSupport
@testable import Datasets

@Suite("Data sets as HDF5 files")
struct DatasetHDF5Tests {
    /// Numbers with every special value, text with every awkward character, missing cells in both.
    static func sample() throws -> Dataset {
        try Dataset(columns: [
            Column(name: "cpu/percent", data: .numeric([1.5, .nan, -0.0, .greatestFiniteMagnitude, 0x1p-1040, 0.1 + 0.2])),
            Column(name: "host.name", data: .text(["a", nil, "", "Zürich 東京", "line\nbreak", "\"quoted\", comma"])),
            Column(name: "label", data: .numeric([0, 1, 0, 0, 1, .nan])),
            Column(name: "missing everywhere", data: .text([nil, nil, nil, nil, nil, nil])),
        ])
    }

    static let lineage = ["source": "postgresql://metrics (query 'cpu_by_tenant')", "sha256": "ab12", "query": "SELECT 1;"]

    @Test("names, order, kinds, values, missing cells and attributes survive")
    func roundTrip() throws {
        let dataset = try Self.sample()
        let path = try TestSupport.makeTemporaryDirectory().appendingPathComponent("d.h5").path
        try dataset.writeHDF5(to: path, attributes: Self.lineage)
        let back = try Dataset.readHDF5(path: path)
        #expect(back.columnNames == dataset.columnNames)
        #expect(back.columns[0].numbers?.map(\.bitPattern) == dataset.columns[0].numbers?.map(\.bitPattern))
        #expect(back.columns[1].texts == ["a", nil, "", "Zürich 東京", "line\nbreak", "\"quoted\", comma"])
        #expect(back.columns[3].texts == [nil, nil, nil, nil, nil, nil])
        #expect(back.columns.map(\.missingCount) == [1, 1, 1, 6])
        #expect(try Dataset.readHDF5Attributes(path: path) == Self.lineage)
    }

    @Test("an infinite value is refused on reading, naming the file, the column and the row, like the CSV reader")
    func infinityRefused() throws {
        var columns = try Self.sample().columns
        columns[2] = Column(name: "label", data: .numeric([0, 1, 0, 0, -.infinity, .infinity]))
        let path = try TestSupport.makeTemporaryDirectory().appendingPathComponent("inf.h5").path
        try Dataset(columns: columns).writeHDF5(to: path)
        #expect(throws: DatasetError.malformed(
            path: path, line: nil, column: "label",
            reason: "row 5 (/columns/2[4]) is -inf; values must be finite (store NaN when missing).")) {
            try Dataset.readHDF5(path: path)
        }
        #expect(throws: DatasetError.self) { try DatasetIO.read(path: path) }
    }

    @Test("an empty data set and one with no rows survive")
    func empty() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let noRows = try Dataset(columns: [Column(name: "a", data: .numeric([])), Column(name: "t", data: .text([]))])
        try DatasetIO.write(noRows, to: directory.appendingPathComponent("rows.hdf5").path)
        #expect(try DatasetIO.read(path: directory.appendingPathComponent("rows.hdf5").path) == noRows)
        let nothing = try Dataset(columns: [])
        try DatasetIO.write(nothing, to: directory.appendingPathComponent("none.h5").path)
        #expect(try DatasetIO.read(path: directory.appendingPathComponent("none.h5").path) == nothing)
    }

    @Test("h5py and numpy alone read names, values, missing flags and attributes")
    func python() throws {
        var random = SeededRandom(seed: 3, stream: 0)
        let values = (0 ..< 2000).map { $0 % 11 == 0 ? Double.nan : random.nextGaussian() * 1e3 }
        let texts: [String?] = (0 ..< 2000).map { $0 % 7 == 0 ? nil : "tenant-\($0 % 13)" }
        let dataset = try Dataset(columns: [
            Column(name: "value", data: .numeric(values)),
            Column(name: "tenant", data: .text(texts)),
        ])
        let directory = try TestSupport.makeTemporaryDirectory()
        let path = directory.appendingPathComponent("py.h5").path
        try DatasetIO.write(dataset, to: path, attributes: Self.lineage)
        let expected: [String: Any] = [
            "columns": [
                ["name": "value", "kind": "numeric", "values": Self.bits(values)],
                ["name": "tenant", "kind": "text", "values": texts.map { $0 ?? NSNull() as Any }],
            ],
            "attributes": Self.lineage,
        ]
        let json = directory.appendingPathComponent("expected.json")
        try JSONSerialization.data(withJSONObject: expected).write(to: json)
        let result = try TestSupport.python("read_dataset.py", [path, json.path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")

        let sample = try Self.sample()
        let samplePath = directory.appendingPathComponent("sample.h5").path
        try sample.writeHDF5(to: samplePath)
        let sampleExpected: [String: Any] = ["columns": sample.columns.map { column -> [String: Any] in
            switch column.data {
            case .numeric(let numbers):
                ["name": column.name, "kind": "numeric", "values": Self.bits(numbers)]
            case .text(let strings):
                ["name": column.name, "kind": "text", "values": strings.map { $0 ?? NSNull() as Any }]
            }
        }]
        let sampleJSON = directory.appendingPathComponent("sample.json")
        try JSONSerialization.data(withJSONObject: sampleExpected).write(to: sampleJSON)
        let sampleResult = try TestSupport.python("read_dataset.py", [samplePath, sampleJSON.path])
        #expect(sampleResult.status == 0, "\(sampleResult.standardOutput)\(sampleResult.standardError)")
    }

    /// Numbers as the hex strings of their bits, missing as null, for read_dataset.py.
    static func bits(_ values: [Double]) -> [Any] {
        values.map { value -> Any in value.isNaN ? NSNull() : "0x" + String(value.bitPattern, radix: 16) }
    }

    @Test("a reserved attribute name is refused before writing")
    func reservedAttribute() throws {
        let path = try TestSupport.makeTemporaryDirectory().appendingPathComponent("r.h5").path
        #expect(throws: DatasetError.invalid("Attribute name 'row_count' is reserved by the HDF5 data-set format; choose another name.")) {
            try Self.sample().writeHDF5(to: path, attributes: ["row_count": "3"])
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("missing, foreign and inconsistent files are refused with the reason")
    func refusals() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let absent = directory.appendingPathComponent("absent.h5").path
        #expect(throws: DatasetError.inputMissing(path: absent, reason: "No such file or directory")) {
            try Dataset.readHDF5(path: absent)
        }
        let text = directory.appendingPathComponent("text.h5").path
        try "not hdf5".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: DatasetError.malformed(path: text, line: nil, column: nil, reason: "not an HDF5 file.")) {
            try Dataset.readHDF5(path: text)
        }
        let foreign = directory.appendingPathComponent("foreign.h5").path
        let file = try HDF5File.create(at: foreign)
        try file.root.write([1.0], to: "x")
        try file.close()
        #expect(throws: DatasetError.malformed(path: foreign, line: nil, column: nil,
                                               reason: "not a Workbench data set: the root attribute 'workbench_format' is not 'dataset'.")) {
            try Dataset.readHDF5(path: foreign)
        }
        let future = directory.appendingPathComponent("future.h5").path
        let newer = try HDF5File.create(at: future)
        try newer.root.setAttribute("workbench_format", "dataset")
        try newer.root.setAttribute("workbench_format_version", Int64(2))
        try newer.close()
        #expect(throws: DatasetError.malformed(path: future, line: nil, column: nil,
                                               reason: "data-set format version 2 is not supported; this Workbench reads version 1.")) {
            try Dataset.readHDF5(path: future)
        }
        let short = directory.appendingPathComponent("short.h5").path
        let broken = try HDF5File.create(at: short)
        try broken.root.setAttribute("workbench_format", "dataset")
        try broken.root.setAttribute("workbench_format_version", Int64(1))
        try broken.root.setAttribute("row_count", Int64(3))
        try broken.root.writeStrings(["a"], to: "column_names")
        try broken.root.writeStrings(["numeric"], to: "column_kinds")
        try broken.root.createGroup("columns").write([1.0, 2.0], to: "0")
        try broken.close()
        #expect(throws: DatasetError.malformed(path: short, line: nil, column: nil,
                                               reason: "column 'a' has 2 values; 'row_count' says 3.")) {
            try Dataset.readHDF5(path: short)
        }
    }

    @Test("writing into a missing directory names the path and reason")
    func missingDirectory() throws {
        #expect(throws: DatasetError.cannotWrite(path: "/nonexistent-workbench/x.h5", reason: "No such file or directory")) {
            try Self.sample().writeHDF5(to: "/nonexistent-workbench/x.h5")
        }
    }

    @Test("an unknown extension is refused")
    func unknownExtension() throws {
        let parquet = try CSVTestFiles.write("a\n1\n", name: "data.parquet")
        #expect(throws: DatasetError.unsupportedFormat("\(parquet): unknown data-set format '.parquet'; expected .csv, .h5 or .hdf5.")) {
            try DatasetIO.read(path: parquet)
        }
        let bare = try CSVTestFiles.write("a\n1\n", name: "data")
        #expect(throws: DatasetError.unsupportedFormat("\(bare): unknown data-set format '(no extension)'; expected .csv, .h5 or .hdf5.")) {
            try DatasetIO.read(path: bare)
        }
    }
}
