import NumericCore
import Testing
@testable import Datasets

@Suite("CSV parsing on two threads")
struct CSVParallelTests {
    /// About 2.5 MB of plain numeric rows, so that buffers cross the two-thread threshold.
    static func numericText(rows: Int = 60_000, lineEnd: String = "\n", extra: (Int) -> String? = { _ in nil }) -> String {
        var random = SeededRandom(seed: 11, stream: 0)
        var text = "t,a,b,c\(lineEnd)"
        for row in 0 ..< rows {
            if let line = extra(row) {
                text += line + lineEnd
                continue
            }
            let a = random.nextIndex(below: 20) == 0 ? "" : String(random.nextGaussian() * 100)
            text += "\(1_767_571_200 + row * 60),\(a),\(random.nextUnitDouble()),-\(random.nextIndex(below: 1000)).5\(lineEnd)"
        }
        return text
    }

    static func read(_ path: String, parallel: Bool) throws -> Dataset {
        try CSVReader.read(path: path, options: CSVReadOptions(chunkSize: 1 << 21, parallel: parallel))
    }

    @Test("two threads read exactly what one thread reads", arguments: ["\n", "\r\n"])
    func sameValues(_ lineEnd: String) throws {
        let path = try CSVTestFiles.write(Self.numericText(lineEnd: lineEnd))
        let parallel = try Self.read(path, parallel: true)
        let sequential = try Self.read(path, parallel: false)
        #expect(parallel.rowCount == 60_000)
        #expect(CSVStreamingTests.same(parallel, sequential))
    }

    /// Parses `text` as one final buffer; returns the parser, whose `parallelEnabled` tells
    /// whether the two-thread path took the buffer.
    static func parseDirectly(_ text: String) throws -> CSVParser {
        var parser = CSVParser(path: "x.csv", separator: UInt8(ascii: ","), parallel: true) { _ in .numeric }
        let bytes = Array(text.utf8)
        let consumed = try bytes.withUnsafeBufferPointer { (buffer) throws(DatasetError) -> Int in
            try parser.parse(buffer, isFinal: true)
        }
        #expect(consumed == bytes.count)
        return parser
    }

    @Test("a large plain buffer takes the two-thread path, a doubtful one does not")
    func pathTaken() throws {
        let plain = try Self.parseDirectly(Self.numericText())
        #expect(plain.parallelEnabled)
        #expect(plain.rowCount == 60_000)
        let doubtful = try Self.parseDirectly(Self.numericText { $0 == 100 ? "1,nan,2,3" : nil })
        #expect(!doubtful.parallelEnabled)
        #expect(doubtful.rowCount == 60_000)
    }

    @Test("a buffer the threads cannot decide is read on one thread with the same result")
    func fallback() throws {
        let text = Self.numericText { row in
            switch row {
            case 40_000: "1,NaN,2,3"
            case 45_000: ""
            case 50_000: "2, 4 ,\"5\",6"
            default: nil
            }
        }
        let path = try CSVTestFiles.write(text)
        let parallel = try Self.read(path, parallel: true)
        #expect(parallel.rowCount == 59_999)
        #expect(CSVStreamingTests.same(parallel, try Self.read(path, parallel: false)))
    }

    @Test("an error deep in a two-thread buffer names the same line")
    func errorLine() throws {
        let text = Self.numericText { $0 == 30_000 ? "1,2,3" : nil }
        let path = try CSVTestFiles.write(text)
        let expected = DatasetError.malformed(path: path, line: 30_002, column: nil, reason: "row has 3 fields; the header has 4.")
        #expect(throws: expected) { try Self.read(path, parallel: true) }
        #expect(throws: expected) { try Self.read(path, parallel: false) }
    }
}
