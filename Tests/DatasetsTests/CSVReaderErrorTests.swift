import Testing
@testable import Datasets

@Suite("CSV reader errors name the file, line and column")
struct CSVReaderErrorTests {
    /// A malformed input and the message it must produce.
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let bytes: [UInt8]
        let options: CSVReadOptions
        let message: String

        init(_ label: String, _ text: String, options: CSVReadOptions = CSVReadOptions(), _ message: String) {
            self.init(label, Array(text.utf8), options: options, message)
        }

        init(_ label: String, _ bytes: [UInt8], options: CSVReadOptions = CSVReadOptions(), _ message: String) {
            self.label = label
            self.bytes = bytes
            self.options = options
            self.message = message
        }

        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case("empty file", "", "data.csv:1: the file is empty; expected a header row of column names."),
        Case("only blank lines", "\n\r\n\n", "data.csv:1: the file is empty; expected a header row of column names."),
        Case("only a byte-order mark", [0xEF, 0xBB, 0xBF],
             "data.csv:1: the file is empty; expected a header row of column names."),
        Case("empty header name", "a,,c\n1,2,3\n",
             "data.csv:1: header field 2 is empty; every column needs a name."),
        Case("empty quoted header name", "a,\"\"\n1,2\n",
             "data.csv:1: header field 2 is empty; every column needs a name."),
        Case("duplicate header name", "cpu,mem,cpu\n1,2,3\n",
             "data.csv:1 column 'cpu': header fields 1 and 3 have the same name; names must be unique."),
        Case("row with too few fields", "a,b,c\n1,2,3\n4,5\n",
             "data.csv:3: row has 2 fields; the header has 3."),
        Case("row with too many fields", "a,b\n1,2\n3,4,5\n",
             "data.csv:3: row has 3 fields; the header has 2."),
        Case("row with one field", "a,b\n1,2\n\n7\n",
             "data.csv:4: row has 1 field; the header has 2."),
        Case("ragged row after a multi-line quoted field", "a,b\n\"x\ny\",2\n3\n",
             options: CSVReadOptions(columnTypes: .inferred),
             "data.csv:4: row has 1 field; the header has 2."),
        Case("text in a numeric column", "a,b\n1,2\n3,abc\n",
             "data.csv:3 column 'b': expected a number or an empty cell; got 'abc'."),
        Case("long text is shortened", "a\n" + String(repeating: "x", count: 60) + "\n",
             "data.csv:2 column 'a': expected a number or an empty cell; got '" + String(repeating: "x", count: 40) + "…'."),
        Case("number with trailing garbage", "a,b\n1,2.5kg\n",
             "data.csv:2 column 'b': expected a number or an empty cell; got '2.5kg'."),
        Case("quoted text in a numeric column", "a\n\"1\"\"\"\n",
             "data.csv:2 column 'a': expected a number or an empty cell; got '1\"'."),
        Case("text outside the allowed column", "a,label\nx,normal\n",
             options: CSVReadOptions(columnTypes: .numeric(allowingTextIn: ["label"])),
             "data.csv:2 column 'a': expected a number or an empty cell; got 'x'."),
        Case("invalid UTF-8 in a cell", Array("a,b\n1,2\n3,".utf8) + [0xC3, 0x28] + Array("\n".utf8),
             "data.csv:3 column 'b': the cell is not valid UTF-8."),
        Case("invalid UTF-8 in a text cell", Array("name\nok\n".utf8) + [0xFF] + Array("\n".utf8),
             options: .inferred, "data.csv:3 column 'name': the cell is not valid UTF-8."),
        Case("invalid UTF-8 in the header", Array("a,".utf8) + [0xE2, 0x82] + Array("\n1,2\n".utf8),
             "data.csv:1: header field 2 is not valid UTF-8."),
        Case("unterminated quote", "a,b\n1,\"2\n3,4\n",
             "data.csv:2 column 'b': a quoted field opens on this line and is never closed; expected a closing '\"'."),
        Case("unterminated quote in the header", "a,\"b\n",
             "data.csv:1: a quoted field opens on this line and is never closed; expected a closing '\"'."),
        Case("text after a closing quote", "a,b\n1,\"2\"x\n",
             "data.csv:2 column 'b': unexpected 'x' after a closing quote; expected the separator or the end of the line."),
        Case("control byte after a closing quote", "a,b\n\"1\"\u{1},2\n",
             "data.csv:2 column 'a': unexpected byte 0x1 after a closing quote; expected the separator or the end of the line."),
    ]

    @Test("each malformed input is rejected with its message", arguments: cases)
    func malformed(_ example: Case) throws {
        let error = try #require(try CSVTestFiles.error(reading: example.bytes, options: example.options))
        #expect(error.description == example.message)
        guard case .malformed = error else {
            Issue.record("expected DatasetError.malformed, got \(error)")
            return
        }
    }

    @Test("a missing file is reported as input missing with the system's reason")
    func missingFile() {
        #expect(throws: DatasetError.inputMissing(path: "/nonexistent/x.csv", reason: "No such file or directory")) {
            try CSVReader.read(path: "/nonexistent/x.csv")
        }
    }

    @Test("a directory is reported as input missing")
    func directory() throws {
        let path = try CSVTestFiles.write("a\n1\n")
        let directory = String(path.dropLast("/data.csv".count))
        #expect(throws: DatasetError.inputMissing(path: directory, reason: "Is a directory")) {
            try CSVReader.read(path: directory)
        }
    }

    @Test("a reserved separator is rejected before reading")
    func badSeparator() {
        for separator: Unicode.Scalar in ["\"", ".", "-", "e", "7", "é"] {
            let shown = separator.escaped(asASCII: true)
            #expect(throws: DatasetError.invalid("CSV separator must be an ASCII character other than a letter, a digit, '.', '+', '-', '\"', CR and LF; got '\(shown)'.")) {
                try CSVReader.read(path: "unused.csv", options: CSVReadOptions(separator: separator))
            }
        }
        #expect(throws: DatasetError.invalid("CSV chunk size must be at least 16 bytes; got 8.")) {
            try CSVReader.read(path: "unused.csv", options: CSVReadOptions(chunkSize: 8))
        }
    }

    @Test("errors in a file larger than one chunk keep their line numbers")
    func errorAfterManyChunks() throws {
        var text = "a,b\n"
        for row in 0 ..< 5000 { text += "\(row),\(row * 2)\n" }
        text += "1,oops\n"
        let error = try CSVTestFiles.error(reading: text, options: CSVReadOptions(chunkSize: 64))
        #expect(error?.description == "data.csv:5002 column 'b': expected a number or an empty cell; got 'oops'.")
    }
}
