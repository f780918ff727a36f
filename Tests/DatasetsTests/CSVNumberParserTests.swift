#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NumericCore
import Testing
@testable import Datasets

@Suite("CSV number parsing equals strtod")
struct CSVNumberParserTests {
    /// What C `strtod` makes of `text`, or nil when it does not read all of it.
    static func strtodValue(_ text: String) -> Double? {
        guard !text.isEmpty else { return nil }
        let characters = text.utf8CString
        return characters.withUnsafeBufferPointer { (buffer) -> Double? in
            let start = buffer.baseAddress!
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(start, &end)
            guard let end, UnsafePointer(end) - start == characters.count - 1 else { return nil }
            return value
        }
    }

    /// What the CSV parser makes of `text`.
    static func parsed(_ text: String) -> CSVCellNumber {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { CSVNumberParser.parse($0.baseAddress!, from: 0, to: bytes.count) }
    }

    /// Random decimal text: signs, leading zeros, long mantissas, fractions, exponents of every size.
    static func randomDecimal(_ random: inout SeededRandom) -> String {
        var text = ""
        switch random.nextIndex(below: 3) {
        case 0: text += "-"
        case 1 where random.nextIndex(below: 4) == 0: text += "+"
        default: break
        }
        let integerDigits = [0, 1, 1, 2, 3, 5, 9, 15, 17, 19, 22][random.nextIndex(below: 11)]
        for position in 0 ..< integerDigits {
            let digit = position == 0 && random.nextIndex(below: 3) != 0 ? 1 + random.nextIndex(below: 9) : random.nextIndex(below: 10)
            text += String(digit)
        }
        if integerDigits == 0 || random.nextIndex(below: 3) != 0 {
            text += "."
            let fractionDigits = [1, 1, 2, 4, 6, 8, 12, 16, 18, 25][random.nextIndex(below: 10)]
            for _ in 0 ..< fractionDigits { text += String(random.nextIndex(below: 10)) }
        }
        if random.nextIndex(below: 3) == 0 {
            text += random.nextIndex(below: 2) == 0 ? "e" : "E"
            if random.nextIndex(below: 2) == 0 { text += random.nextIndex(below: 2) == 0 ? "-" : "+" }
            text += String([0, 1, 5, 15, 22, 23, 30, 120, 307, 308, 309, 324, 330][random.nextIndex(below: 13)])
        }
        return text
    }

    @Test("random decimals parse bit for bit as strtod parses them")
    func randomDecimals() {
        var random = SeededRandom(seed: 20_241_125, stream: 0)
        var mismatches: [String] = []
        for _ in 0 ..< 200_000 {
            let text = Self.randomDecimal(&random)
            guard let expected = Self.strtodValue(text) else {
                mismatches.append("strtod rejects generated '\(text)'")
                continue
            }
            if expected.isInfinite {
                // Overflow is refused by the number policy, never read as infinity.
                guard case .refused = Self.parsed(text) else {
                    mismatches.append("'\(text)' overflows but parsed \(Self.parsed(text))")
                    continue
                }
                continue
            }
            guard case .number(let value) = Self.parsed(text), value.bitPattern == expected.bitPattern else {
                mismatches.append("'\(text)': strtod \(expected), parsed \(Self.parsed(text))")
                continue
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test("shortest round-trip text of random doubles parses back to the same bits")
    func roundTripText() {
        var random = SeededRandom(seed: 7, stream: 1)
        for _ in 0 ..< 100_000 {
            let value = Double(bitPattern: UInt64(random.nextIndex(below: Int.max)) &* 2 &+ UInt64(random.nextIndex(below: 2)))
            guard value.isFinite else { continue }
            let text = value.description
            guard case .number(let parsed) = Self.parsed(text) else {
                Issue.record("'\(text)' did not parse")
                return
            }
            #expect(parsed.bitPattern == value.bitPattern, "\(text)")
            #expect(Self.strtodValue(text)?.bitPattern == value.bitPattern, "\(text)")
        }
    }

    @Test("the fast path's edges equal strtod", arguments: [
        "9007199254740992", "9007199254740993", "9007199254740991.5", "1e22", "1e23", "1e-22", "1e-23",
        "123456789012345678", "1234567890123456789", "12345678901234567890", "0.1", "0.30000000000000004",
        "2.2250738585072014e-308", "4.9e-324", "2.4703282292062327e-324", "1.7976931348623157e308",
        "0000000000000000000000001.5", "0.000000000000000000000000015", "-0", "-0.0e10", "00", "7.", ".7",
        "1e+0", "1E-0", "0e999999999999", "1e-999999999999",
    ])
    func edges(_ text: String) throws {
        let expected = try #require(Self.strtodValue(text))
        guard case .number(let value) = Self.parsed(text) else {
            Issue.record("'\(text)' did not parse")
            return
        }
        #expect(value.bitPattern == expected.bitPattern)
    }

    @Test("missing and non-numbers are told apart", arguments: [
        ("", CSVCellNumber.missing), ("   ", .missing), ("\t", .missing), ("NaN", .missing), ("nan", .missing),
        ("-nan", .missing), (" 2 ", .number(2)),
        ("1e", .notANumber), ("1e+", .notANumber), ("-", .notANumber), (".", .notANumber),
        ("1.2.3", .notANumber), ("1 2", .notANumber), ("abc", .notANumber), ("1,5", .notANumber), ("--1", .notANumber),
        ("+-1", .notANumber), ("1e5x", .notANumber), ("١٢", .notANumber),
    ])
    func classification(_ text: String, _ expected: CSVCellNumber) {
        #expect(Self.parsed(text) == expected)
    }
}
