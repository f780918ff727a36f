import Foundation
import Testing
import TestSupport
@testable import Datasets

@Suite("CSV writer")
struct CSVWriterTests {
    @Test("quotes cells holding commas, quotes or line breaks; missing cells stay empty")
    func quoting() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("q.csv").path
        let writer = try CSVWriter(path: path, header: ["name", "note"])
        try writer.writeRow(["a,b", nil])
        try writer.writeRow(["say \"hi\"", "two\nlines"])
        try writer.commit()
        #expect(writer.rowCount == 2)
        #expect(try String(contentsOfFile: path, encoding: .utf8)
            == "name,note\n\"a,b\",\n\"say \"\"hi\"\"\",\"two\nlines\"\n")
    }

    @Test("numbers read back exactly: whole numbers plain, others shortest, NaN empty (quoted when alone)")
    func numbers() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("n.csv").path
        let values: [Double] = [1_767_571_200, 42, -0.0, 0.125, 1e-05, 0x1p53, .nan, -.infinity, 0.1 + 0.2]
        let dataset = try Dataset(columns: [Column(name: "x", data: .numeric(values))])
        try CSVWriter.write(dataset, to: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines == ["x", "1767571200", "42", "0", "0.125", "1e-05", "9007199254740992.0", "\"\"", "-inf",
                          "0.30000000000000004", ""])
    }

    @Test("fractional numbers are written exactly as their `description`, for every magnitude")
    func shortestForm() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("d.csv").path
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var values: [Double] = [.leastNonzeroMagnitude, .greatestFiniteMagnitude, -.ulpOfOne, 0x1p53 + 2, 1e16 + 0.5]
        while values.count < 20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = values.count.isMultiple(of: 2) ? Double(bitPattern: state) : Double(state >> 11) * 0x1p-53
            if value.isFinite, value != value.rounded() { values.append(value) }
        }
        try CSVWriter.write(try Dataset(columns: [Column(name: "x", data: .numeric(values))]), to: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map(String.init)
        #expect(lines == values.map { $0 == $0.rounded() && abs($0) < 0x1p53 ? String(Int64($0)) : $0.description })
    }

    @Test("nothing appears at the path until commit, and an abandoned writer leaves no file")
    func atomicity() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("a.csv").path
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let writer = try CSVWriter(path: path, header: ["x"])
            writer.writeField(1.0)
            try writer.endRow()
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["a.csv"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        try CSVWriter.write(try Dataset(columns: [Column(name: "x", data: .numeric([2]))]), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x\n2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["a.csv"])
    }

    @Test("a missing directory is reported with the path and the system's reason")
    func missingDirectory() {
        let path = "/nonexistent-workbench-dir/out.csv"
        #expect(throws: DatasetError.cannotWrite(path: path, reason: "No such file or directory")) {
            try CSVWriter(path: path, header: ["x"])
        }
        #expect(DatasetError.cannotWrite(path: path, reason: "No such file or directory").description
            == "/nonexistent-workbench-dir/out.csv: cannot write: No such file or directory")
    }

    @Test("a sink receives exactly the bytes the file would hold, and its errors pass through")
    func sink() throws {
        let dataset = try Dataset(columns: [
            Column(name: "t", data: .text(["a,b", nil, "q\"x"])), Column(name: "v", data: .numeric([1, .nan, 0.125])),
        ])
        let path = try TestSupport.makeTemporaryDirectory().appendingPathComponent("s.csv").path
        try CSVWriter.write(dataset, to: path)
        nonisolated(unsafe) var received: [UInt8] = []
        let writer = CSVWriter(streamingTo: "standard output", header: dataset.columnNames) { bytes throws(DatasetError) in
            received += bytes
        }
        try writer.writeRows(of: dataset)
        try writer.commit()
        #expect(received == Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let failing = CSVWriter(streamingTo: "standard output", header: ["x"]) { _ throws(DatasetError) in
            throw .cannotWrite(path: "standard output", reason: "Broken pipe")
        }
        #expect(throws: DatasetError.cannotWrite(path: "standard output", reason: "Broken pipe")) { try failing.commit() }
    }

    @Test("many rows formatted in parallel blocks give the bytes of the cell-by-cell writer", arguments: [1, 3])
    func blocks(columns: Int) throws {
        let rows = 3 * CSVWriter.rowsPerBlock(columns: columns) + 17
        var all = [Column(name: "v", data: .numeric((0 ..< rows).map { $0.isMultiple(of: 11) ? .nan : Double($0) / 7 }))]
        if columns == 3 {
            all.append(Column(name: "t", data: .text((0 ..< rows).map { $0.isMultiple(of: 5) ? nil : "r,\($0 % 13)\"" })))
            all.append(Column(name: "w", data: .numeric((0 ..< rows).map { Double($0 * 1_000) })))
        }
        let dataset = try Dataset(columns: all)
        nonisolated(unsafe) var blocks: [UInt8] = []
        let writer = CSVWriter(streamingTo: "standard output", header: dataset.columnNames) { bytes throws(DatasetError) in
            blocks += bytes
        }
        try writer.writeRows(of: dataset)
        try writer.commit()
        #expect(writer.rowCount == rows)
        nonisolated(unsafe) var cells: [UInt8] = []
        let reference = CSVWriter(streamingTo: "standard output", header: dataset.columnNames) { bytes throws(DatasetError) in
            cells += bytes
        }
        for row in 0 ..< rows {
            for column in dataset.columns {
                switch column.data {
                case .numeric(let values): reference.writeField(values[row])
                case .text(let values): reference.writeField(values[row])
                }
            }
            try reference.endRow()
        }
        try reference.commit()
        #expect(blocks == cells)
    }
}
