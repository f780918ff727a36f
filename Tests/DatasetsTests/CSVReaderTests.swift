import Testing
@testable import Datasets

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("numeric columns keep header order and values")
    func numeric() throws {
        let data = try CSVTestFiles.read("cpu,mem\n1,2.5\n-3e2,0.125\n")
        #expect(data.columnNames == ["cpu", "mem"])
        #expect(data.rowCount == 2)
        #expect(data.columns[0].numbers == [1, -300])
        #expect(data.columns[1].numbers == [2.5, 0.125])
    }

    @Test("empty cells, spaces and NaN spellings are missing")
    func missing() throws {
        let data = try CSVTestFiles.read("a,b,c\n,NaN,nan\n  ,\"\", 4 \n")
        #expect(data.columns.map(\.missingCount) == [2, 2, 1])
        #expect(data.columns[2].numbers?.last == 4)
    }

    @Test("a header with no rows gives empty numeric columns")
    func headerOnly() throws {
        let data = try CSVTestFiles.read("a,b\n")
        #expect(data.rowCount == 0)
        #expect(data.columns.map(\.numbers) == [[], []])
    }

    @Test("the last record may lack a line break")
    func noFinalNewline() throws {
        #expect(try CSVTestFiles.read("a,b\n1,2\n3,4").columns[1].numbers == [2, 4])
        #expect(try CSVTestFiles.read("a,b\n1,2\n3,").columns[1].numbers?.last?.isNaN == true)
        #expect(try CSVTestFiles.read("a,b\n1,2\n3,\"4\"").columns[1].numbers == [2, 4])
    }

    @Test("CRLF line endings are accepted, also mixed with LF and inside quotes")
    func crlf() throws {
        let data = try CSVTestFiles.read("a,name\r\n1,\"x\r\ny\"\r\n2,z\n3,\"w\"\r\n", options: .inferred)
        #expect(data.columns[0].numbers == [1, 2, 3])
        #expect(data.columns[1].texts == ["x\r\ny", "z", "w"])
    }

    @Test("a UTF-8 byte-order mark is not part of the first name")
    func byteOrderMark() throws {
        let path = try CSVTestFiles.write([0xEF, 0xBB, 0xBF] + Array("id,v\n1,2\n".utf8))
        let data = try CSVReader.read(path: path)
        #expect(data.columnNames == ["id", "v"])
    }

    @Test("quoted fields hold separators, doubled quotes and line breaks")
    func quoting() throws {
        let text = "id,note\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,plain \"inner\" quote\n5,\"\"\n"
        let data = try CSVTestFiles.read(text, options: .inferred)
        #expect(data.columns[1].texts == ["a,b", "say \"hi\"", "two\nlines", "plain \"inner\" quote", nil])
    }

    @Test("quoted numbers are numbers")
    func quotedNumbers() throws {
        let data = try CSVTestFiles.read("\"a\",\"b c\"\n\"1.5\",\"-2\"\n")
        #expect(data.columnNames == ["a", "b c"])
        #expect(data.columns.map(\.numbers) == [[1.5], [-2]])
    }

    @Test("blank lines are skipped and do not break line numbers")
    func blankLines() throws {
        let data = try CSVTestFiles.read("\na,b\n\n1,2\n\r\n3,4\n\n")
        #expect(data.rowCount == 2)
        let error = try CSVTestFiles.error(reading: "a,b\n\n\n1,x\n")
        #expect(error?.description == "data.csv:4 column 'b': expected a number or an empty cell; got 'x'.")
    }

    @Test("a one-column file writes a missing cell as a quoted empty field")
    func oneColumnMissing() throws {
        let data = try CSVTestFiles.read("a\n1\n\"\"\n3\n")
        #expect(data.columns[0].numbers?.count == 3)
        #expect(data.columns[0].missingCount == 1)
    }

    @Test("decimals in exotic forms read as strtod reads them")
    func exoticNumbers() throws {
        let data = try CSVTestFiles.read("a\n+1\n.5\n5.\n1E3\n1e-400\n-0\n")
        let values = try #require(data.columns[0].numbers)
        #expect(values == [1, 0.5, 5, 1000, 0, 0])
        #expect(values.last?.sign == .minus)
    }

    @Test("an allowed column becomes text when a cell is text and stays numeric otherwise")
    func allowedText() throws {
        let options = CSVReadOptions(columnTypes: .numeric(allowingTextIn: ["label", "target"]))
        let data = try CSVTestFiles.read("x,label,target\n1,normal,0\n2,,1\n3,attack,\n", options: options)
        #expect(data.columns[0].numbers == [1, 2, 3])
        #expect(data.columns[1].texts == ["normal", nil, "attack"])
        #expect(data.columns[2].numbers?.prefix(2) == [0, 1])
    }

    @Test("a column that turns to text after numbers keeps every cell's original text")
    func lateText() throws {
        var text = "id,code\n"
        for row in 0 ..< 300 { text += "\(row),00\(row)\n" }
        text += "300,n/a\n"
        let data = try CSVTestFiles.read(text, options: CSVReadOptions(columnTypes: .inferred, chunkSize: 64))
        let codes = try #require(data.columns[1].texts)
        #expect(codes.count == 301)
        #expect(codes.first == "000")
        #expect(codes[299] == "00299")
        #expect(codes.last == "n/a")
        #expect(data.columns[0].numbers?.count == 301)
    }

    @Test("missing cells before the first text cell stay missing")
    func missingBeforeText() throws {
        let data = try CSVTestFiles.read("a,b\n1,\n2,NaN\n3,x\n", options: .inferred)
        #expect(data.columns[1].texts == [nil, nil, "x"])
    }

    @Test("a text column reads NaN spellings as missing and keeps spaces")
    func textCells() throws {
        let data = try CSVTestFiles.read("t\nnan\n a \nNaN\nNAN\n", options: .inferred)
        #expect(data.columns[0].texts == [nil, " a ", nil, "NAN"])
    }

    @Test("another separator splits fields")
    func separator() throws {
        let data = try CSVTestFiles.read("a;b\n1;\"2;3\"\n", options: CSVReadOptions(columnTypes: .inferred, separator: ";"))
        #expect(data.columns[0].numbers == [1])
        #expect(data.columns[1].texts == ["2;3"])
        let tabs = try CSVTestFiles.read("a\tb\n1\t2\n", options: CSVReadOptions(separator: "\t"))
        #expect(tabs.columns[1].numbers == [2])
    }

    @Test("UTF-8 names and text survive")
    func unicode() throws {
        let data = try CSVTestFiles.read("température,hôte\n21.5,\"Zürich 東京\"\n", options: .inferred)
        #expect(data.columnNames == ["température", "hôte"])
        #expect(data.columns[1].texts == ["Zürich 東京"])
    }
}

@Suite("CSV text columns")
struct CSVTextColumnTests {
    @Test("repeated and distinct values read back whatever their number", arguments: [10, 1023, 1024, 1025, 3000])
    func manyDistinctValues(_ distinct: Int) throws {
        var text = "name,n\n"
        var expected: [String?] = []
        for row in 0 ..< 2 * distinct + 50 {
            let value = row % 17 == 0 ? nil : "value-\(row % distinct)-é"
            expected.append(value)
            text += "\(value ?? ""),\(row)\n"
        }
        let data = try CSVTestFiles.read(text, options: .inferred)
        #expect(data.columns[0].texts == expected)
    }

    @Test("doubled quotes in a repeated value are undone every time")
    func repeatedEscapes() throws {
        let data = try CSVTestFiles.read("q\n\"a\"\"b\"\n\"a\"\"b\"\na\"b\n", options: .inferred)
        #expect(data.columns[0].texts == ["a\"b", "a\"b", "a\"b"])
    }
}
