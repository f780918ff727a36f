import Foundation
import Testing
@testable import Datasets

@Suite("CSV number policy: finite decimals only")
struct CSVNumberPolicyTests {
    /// What the CSV parser makes of `text`.
    static func parsed(_ text: String) -> CSVCellNumber {
        CSVNumberParserTests.parsed(text)
    }

    @Test("infinities, overflow and hexadecimal are refused with a reason", arguments: [
        ("inf", "infinity is not a value"), ("-inf", "infinity is not a value"), ("+Infinity", "infinity is not a value"),
        ("-INFINITY", "infinity is not a value"), ("1e999", "overflows a double"), ("-1.8e308", "overflows a double"),
        ("0x10", "hexadecimal"), ("0x1p-2", "hexadecimal"), ("-0X1.8P3", "hexadecimal"), (" 0x1 ", "hexadecimal"),
        ("\u{0C}0x1A", "hexadecimal"), ("\u{0B}-0x1", "hexadecimal"),
    ])
    func refused(_ text: String, _ reason: String) {
        guard case .refused(let refusal) = Self.parsed(text) else {
            Issue.record("'\(text)' parsed as \(Self.parsed(text))")
            return
        }
        #expect(refusal.message.contains(reason), "\(refusal.message)")
    }

    @Test("a million-digit number is refused without reaching strtod")
    func millionDigits() {
        let text = "1" + String(repeating: "0", count: 1_000_000)
        #expect(Self.parsed(text) == .refused(.tooLong(1_000_001)))
        #expect(CSVNumberRefusal.tooLong(1_000_001).message == "a number of 1000001 characters is longer than the 1024 allowed.")
        #expect(Self.parsed("0." + String(repeating: "1", count: 2000)) != .number(0.1111111111111111))
        #expect(Self.parsed(String(repeating: "a", count: 2000)) == .notANumber)
    }

    @Test("long but allowed decimals, underflow and NaN keep strtod's result")
    func allowedEdges() throws {
        let longest = "0." + String(repeating: "3", count: CSVNumberParser.maximumNumberLength - 2)
        let printedMax = String(format: "%f", Double.greatestFiniteMagnitude)
        for text in [longest, printedMax, "1e-999", "4.9e-324", "1.7976931348623157e308", "-0"] {
            let expected = try #require(CSVNumberParserTests.strtodValue(text))
            guard case .number(let value) = Self.parsed(text) else {
                Issue.record("'\(text.prefix(30))' parsed as \(Self.parsed(text))")
                continue
            }
            #expect(value.bitPattern == expected.bitPattern, "\(text.prefix(30))")
        }
        #expect(Self.parsed("nan") == .missing)
        #expect(Self.parsed("") == .missing)
    }

    @Test("a refused cell is an error naming file, line and column", arguments: [
        ("a,b\n1,2\n3,inf\n", "data.csv:3 column 'b': 'inf' is not accepted: infinity is not a value"),
        ("a,b\n1,2\n1e999,4\n", "data.csv:3 column 'a': '1e999' is not accepted: the number overflows a double"),
        ("a,b\n1,2\n3,\"0x1A\"\n", "data.csv:3 column 'b': '0x1A' is not accepted: hexadecimal numbers are not read"),
        ("a\n1\n\n-Infinity\n", "data.csv:4 column 'a': '-Infinity' is not accepted: infinity is not a value"),
    ])
    func fileErrors(_ text: String, _ message: String) throws {
        for options in [CSVReadOptions(), .inferred, CSVReadOptions(columnTypes: .numeric(allowingTextIn: ["b"]))] {
            let error = try #require(try CSVTestFiles.error(reading: text, options: options))
            #expect(error.description.hasPrefix(message), "\(error)")
        }
    }

    @Test("a refused cell deep in a large file is found by the parallel parser too")
    func largeFile() throws {
        var text = "a,b,c\n"
        for row in 0 ..< 200_000 { text += "\(row),\(Double(row) * 0.5),-\(row % 97).25\n" }
        text += "1,2,1e400\n"
        let error = try #require(try CSVTestFiles.error(reading: text))
        #expect(error.description.hasPrefix("data.csv:200002 column 'c': '1e400' is not accepted"), "\(error)")
    }

    @Test("a column that is already text keeps such cells as text")
    func textColumns() throws {
        let dataset = try CSVTestFiles.read("a,label\n1,host\n2,inf\n3,0x1F\n", options: .inferred)
        #expect(dataset.columns.map(\.data) == [.numeric([1, 2, 3]), .text(["host", "inf", "0x1F"])])
    }
}
