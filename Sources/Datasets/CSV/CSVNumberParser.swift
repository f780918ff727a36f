#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Number parsing for CSV cells, straight from the bytes of the read buffer.
//
// Goals, in order:
// 1. Correct: every result equals C `strtod` bit for bit (same rounding, same
//    signed zeros, same infinities), so a file reads the same here as in C or numpy.
// 2. No allocation: cells are never turned into `String`s.
// 3. Fast: the plain decimals that fill metric exports ("-12.5", "0.000231",
//    "3e-4") take Clinger's exact fast path (Clinger, "How to Read Floating
//    Point Numbers Accurately", PLDI 1990): when the digits form an integer
//    w ≤ 2^53 and the power of ten is within ±22, w and 10^|e| are both exact
//    doubles, so one correctly rounded multiply or divide gives the correctly
//    rounded result. Everything else (long mantissas, large exponents, "inf",
//    hex) falls back to `strtod` itself.
//
// Policy (docs/dataset-format.md): a number is a finite decimal. Infinities
// (`inf`, or a decimal beyond ±1.8e308), hexadecimal (`0x1p3`) and cells
// longer than `maximumNumberLength` are refused, never read as numbers; the
// check lives only on the `strtod` path, which the fast path never reaches
// with such a cell, so plain decimals cost nothing more.

/// What a cell holds once read as a number.
enum CSVCellNumber: Equatable {
    /// A finite number.
    case number(Double)
    /// An empty cell (spaces and tabs only count as empty) or a NaN spelling such as `NaN` or `nan`.
    case missing
    /// Anything `strtod` does not read completely.
    case notANumber
    /// A cell `strtod` would read but the number policy refuses.
    case refused(CSVNumberRefusal)
}

/// Why the number policy refuses a cell; a trivial value, so the parse result stays cheap to copy.
enum CSVNumberRefusal: Equatable {
    /// `inf`, `-Infinity` and the like.
    case infinity
    /// A decimal beyond ±1.8e308.
    case overflow
    /// `0x1A`, `0x1p-2`.
    case hexadecimal
    /// A number cell of this many characters, more than `CSVNumberParser.maximumNumberLength`.
    case tooLong(Int)

    /// The reason as the end of an error sentence.
    var message: String {
        switch self {
        case .infinity: "infinity is not a value; values must be finite (leave the cell empty or write NaN when missing)."
        case .overflow: "the number overflows a double (beyond ±1.8e308); values must be finite."
        case .hexadecimal: "hexadecimal numbers are not read; write a decimal."
        case .tooLong(let count):
            "a number of \(count) characters is longer than the \(CSVNumberParser.maximumNumberLength) allowed."
        }
    }
}

enum CSVNumberParser {
    /// The longest number cell read, in bytes after trimming spaces: 1,024. C's `%f` writes
    /// the largest finite double in 316 characters, so no number a program prints is refused,
    /// while a broken cell of a million digits is not handed to `strtod`.
    static let maximumNumberLength = 1024

    /// 10^exponent for 0 ≤ exponent ≤ 22: the powers of ten a double holds exactly.
    /// A switch rather than an array: a constant table with no reference counting in the hot loop.
    @inline(__always)
    private static func exactPowerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    /// Reads `bytes[start..<end]` as a number; leading and trailing spaces and tabs are ignored.
    @inline(__always)
    static func parse(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> CSVCellNumber {
        var first = start
        var last = end
        while first < last, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
        while last > first, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
        if first == last { return .missing }
        let scan = scanDecimal(bytes, from: first, limit: last)
        if scan.stop == last, let value = scan.exactValue { return .number(value) }
        return parseWithStrtod(bytes, from: first, to: last)
    }

    /// The longest plain decimal `[+-]digits[.digits][(e|E)[+-]digits]` starting at `start`.
    struct DecimalScan {
        /// One past the decimal's last byte (`start` when there is none).
        var stop: Int
        /// True when at least one digit was read before any exponent.
        var hasDigits: Bool
        /// The value when Clinger's fast path gives it exactly; nil when `strtod` must decide.
        var exactValue: Double?
    }

    /// Reads the plain decimal at `start`, stopping before `limit` or the first byte that
    /// cannot continue it; an exponent marker without digits is left out of it.
    @inline(__always)
    static func scanDecimal(_ bytes: UnsafePointer<UInt8>, from start: Int, limit: Int) -> DecimalScan {
        var index = start
        var negative = false
        if index < limit, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        // Leading zeros count as digits here: simpler and faster, and a number
        // with more than 19 digits in all simply goes to strtod.
        var mantissa: UInt64 = 0
        let integerStart = index
        while index < limit {
            let digit = bytes[index] &- 48
            if digit > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index += 1
        }
        var digitCount = index - integerStart
        var exponent = 0
        if index < limit, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < limit {
                let digit = bytes[index] &- 48
                if digit > 9 { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                index += 1
            }
            exponent = fractionStart - index
            digitCount -= exponent
        }
        guard digitCount > 0 else { return DecimalScan(stop: start, hasDigits: false, exactValue: nil) }
        if index < limit, bytes[index] | 0x20 == UInt8(ascii: "e") {
            var cursor = index + 1
            var exponentNegative = false
            if cursor < limit, bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+") {
                exponentNegative = bytes[cursor] == UInt8(ascii: "-")
                cursor += 1
            }
            var written = 0
            let digitsStart = cursor
            while cursor < limit {
                let digit = bytes[cursor] &- 48
                if digit > 9 { break }
                // Saturate: anything this large leaves the fast path below.
                if written < 100_000 { written = written * 10 + Int(digit) }
                cursor += 1
            }
            if cursor > digitsStart {
                exponent += exponentNegative ? -written : written
                index = cursor
            }
        }
        guard digitCount <= 19 else { return DecimalScan(stop: index, hasDigits: true, exactValue: nil) }
        if mantissa == 0 { return DecimalScan(stop: index, hasDigits: true, exactValue: negative ? -0.0 : 0.0) }
        guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else {
            return DecimalScan(stop: index, hasDigits: true, exactValue: nil)
        }
        var value = Double(mantissa)
        if exponent < 0 {
            value /= exactPowerOfTen(-exponent)
        } else {
            value *= exactPowerOfTen(exponent)
        }
        return DecimalScan(stop: index, hasDigits: true, exactValue: negative ? -value : value)
    }

    /// `strtod` on a NUL-terminated copy of the cell; the whole cell must be consumed and
    /// the result must pass the number policy (finite, decimal, at most `maximumNumberLength`).
    /// `strtod` reads '.' as the decimal point because Workbench never calls `setlocale`.
    static func parseWithStrtod(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> CSVCellNumber {
        let count = end - start
        guard count <= maximumNumberLength else {
            return isNumberLike(bytes, from: start, to: end)
                ? .refused(.tooLong(count))
                : .notANumber
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { text in
            let base = text.baseAddress!
            UnsafeMutableRawPointer(base).copyMemory(from: bytes + start, byteCount: count)
            base[count] = 0
            var stop: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(base, &stop)
            guard let stop, stop - base == count else { return .notANumber }
            if value.isNaN { return .missing }
            return policy(value, bytes, from: start, to: end)
        }
    }

    /// `value`, read completely by `strtod` from the trimmed cell `bytes[start..<end]`, as the policy allows it.
    private static func policy(_ value: Double, _ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> CSVCellNumber {
        // strtod reads hexadecimal only after white space (its `isspace`), an optional sign and "0x".
        var digits = start
        while digits < end, bytes[digits] == 0x20 || (0x09 ... 0x0D).contains(bytes[digits]) { digits += 1 }
        if digits < end, bytes[digits] == UInt8(ascii: "-") || bytes[digits] == UInt8(ascii: "+") { digits += 1 }
        if digits + 1 < end, bytes[digits] == UInt8(ascii: "0"), bytes[digits + 1] | 0x20 == UInt8(ascii: "x") {
            return .refused(.hexadecimal)
        }
        guard value.isInfinite else { return .number(value) }
        let hasDigit = (start ..< end).contains { bytes[$0] &- 48 <= 9 }
        return .refused(hasDigit ? .overflow : .infinity)
    }

    /// True when `bytes[start..<end]` is a sign, digits, '.', 'e' and signs only: a long number, not text.
    private static func isNumberLike(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
        (start ..< end).allSatisfy { index in
            let byte = bytes[index]
            return byte &- 48 <= 9 || byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
        }
    }
}
