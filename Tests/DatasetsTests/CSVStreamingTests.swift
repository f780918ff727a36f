import NumericCore
import Testing
@testable import Datasets

@Suite("CSV streaming across chunk boundaries")
struct CSVStreamingTests {
    /// A file mixing every construct that can straddle a buffer's end: quoted
    /// separators, doubled quotes, line breaks in quotes, CRLF, blank lines,
    /// long fields, missing cells and numbers of every form.
    static let trickyText: String = {
        var random = SeededRandom(seed: 99, stream: 0)
        var text = "\u{FEFF}id,value,\"note\",score\r\n"
        let notes = ["\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"cr\r\nlf\"", "plain", "",
                     "\"" + String(repeating: "long ", count: 40) + "\"", "\"\"\"\"", "Zürich"]
        for row in 0 ..< 400 {
            let value = random.nextIndex(below: 10) == 0 ? "" : String(random.nextGaussian() * 1e3)
            let score = ["1", "-2.5e-3", " 7 ", "NaN", "\"3\"", "0.000001", "123456789012345678901"][random.nextIndex(below: 7)]
            text += "\(row),\(value),\(notes[random.nextIndex(below: notes.count)]),\(score)"
            text += random.nextIndex(below: 3) == 0 ? "\r\n" : "\n"
            if random.nextIndex(below: 25) == 0 { text += "\n" }
        }
        return text
    }()

    static let options = CSVReadOptions(columnTypes: .numeric(allowingTextIn: ["note"]))

    @Test("any chunk size reads the same data set", arguments: [16, 17, 19, 23, 31, 64, 97, 256, 1000, 4096])
    func chunkSizes(_ chunkSize: Int) throws {
        let path = try CSVTestFiles.write(Self.trickyText)
        let whole = try CSVReader.read(path: path, options: Self.options)
        var small = Self.options
        small.chunkSize = chunkSize
        let chunked = try CSVReader.read(path: path, options: small)
        #expect(whole.rowCount == 400)
        #expect(whole.columnNames == ["id", "value", "note", "score"])
        #expect(Self.same(whole, chunked))
    }

    @Test("a numeric file many chunks long reads the same with tiny and default chunks")
    func manyChunks() throws {
        var random = SeededRandom(seed: 5, stream: 0)
        var text = "a,b,c\n"
        var expected: [[Double]] = [[], [], []]
        for _ in 0 ..< 20_000 {
            let row = [random.nextGaussian(), Double(random.nextIndex(below: 1000)), random.nextUnitDouble() * 1e-5]
            for (index, value) in row.enumerated() { expected[index].append(value) }
            text += row.map { "\($0)" }.joined(separator: ",") + "\n"
        }
        let path = try CSVTestFiles.write(text)
        for chunkSize in [16, 333, 1 << 16] {
            let data = try CSVReader.read(path: path, options: CSVReadOptions(chunkSize: chunkSize))
            #expect(data.columns.map(\.numbers) == expected, "chunk size \(chunkSize)")
        }
    }

    @Test("a record longer than the chunk grows the buffer")
    func longRecord() throws {
        let long = String(repeating: "x", count: 10_000)
        let data = try CSVTestFiles.read("a,b\n1,\"\(long)\"\n2,y\n", options: CSVReadOptions(columnTypes: .inferred, chunkSize: 16))
        #expect(data.columns[1].texts == [long, "y"])
    }

    @Test("a split CRLF or doubled quote at a chunk edge is read whole", arguments: 16 ..< 40)
    func edges(_ chunkSize: Int) throws {
        let text = "name,v\r\n\"ab\"\"cd\",1\r\n\"x\ny\",2\r\n,3\r\nlast,4"
        let data = try CSVTestFiles.read(text, options: CSVReadOptions(columnTypes: .inferred, chunkSize: chunkSize))
        #expect(data.columns[0].texts == ["ab\"cd", "x\ny", nil, "last"])
        #expect(data.columns[1].numbers == [1, 2, 3, 4])
    }

    /// Equal columns, NaN equal to NaN.
    static func same(_ a: Dataset, _ b: Dataset) -> Bool {
        guard a.columnNames == b.columnNames, a.rowCount == b.rowCount else { return false }
        return zip(a.columns, b.columns).allSatisfy { pair in
            switch (pair.0.data, pair.1.data) {
            case (.numeric(let x), .numeric(let y)): x.map(\.bitPattern) == y.map(\.bitPattern)
            case (.text(let x), .text(let y)): x == y
            default: false
            }
        }
    }
}
