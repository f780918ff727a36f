/// Where one field of a record lies in the read buffer.
struct CSVFieldSpan {
    /// First byte of the content (after an opening quote).
    var start: Int
    /// One past the last byte of the content (before a closing quote or a CR).
    var end: Int
    /// The field was enclosed in quotes.
    var quoted: Bool
    /// The content holds doubled quotes (`""`) that stand for one quote.
    var hasEscapedQuotes: Bool
    /// Lines into the record where the field starts (0 = the record's first line).
    var lineOffset: Int
}

/// The outcome of scanning one record.
enum CSVScanOutcome {
    /// A whole record: the next record starts at `next`; it spans `newlines` line breaks.
    case record(next: Int, newlines: Int)
    /// The buffer ends inside the record; read more and scan it again.
    case incomplete
}

/// Splits CSV text into records and fields (RFC 4180), without copying bytes.
///
/// A field is quoted when its first byte is `"`; inside it, `""` stands for a
/// quote and separators and line breaks are content. A quote inside an unquoted
/// field is taken literally. A record ends at LF; a CR just before it is dropped.
/// The scanner only finds spans; `CSVParser` decides what the bytes mean.
struct CSVRecordScanner {
    /// The field separator byte.
    let separator: UInt8
    /// The fields of the last record scanned, in order.
    private(set) var fields: [CSVFieldSpan] = []

    /// True when the last record is a blank line: one empty, unquoted field.
    var isBlankRecord: Bool {
        fields.count == 1 && !fields[0].quoted && fields[0].start == fields[0].end
    }

    /// A scanner splitting fields at `separator`.
    init(separator: UInt8) {
        self.separator = separator
        fields.reserveCapacity(64)
    }

    /// What went wrong inside a record, before a column name is known.
    enum Failure: Error {
        /// A quoted field that opened `lineOffset` lines into the record is never closed.
        case unterminatedQuote(field: Int, lineOffset: Int)
        /// `byte` follows the closing quote of field `field`.
        case textAfterQuote(field: Int, lineOffset: Int, byte: UInt8)
    }

    /// Scans the record starting at `start`.
    /// - Parameter isFinal: true when `count` is the end of the input, so a record may end there.
    /// - Throws: `Failure` for an unclosed quote at the end of input or text after a closing quote.
    /// - Complexity: O(record length).
    mutating func scanRecord(
        _ bytes: UnsafePointer<UInt8>, from start: Int, count: Int, isFinal: Bool
    ) throws(Failure) -> CSVScanOutcome {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        let separator = separator
        fields.removeAll(keepingCapacity: true)
        var index = start
        var newlines = 0
        while true {
            if index < count, bytes[index] == quote {
                let openingLine = newlines
                let contentStart = index + 1
                var escaped = false
                index += 1
                while true {
                    guard index < count else {
                        if isFinal { throw .unterminatedQuote(field: fields.count, lineOffset: openingLine) }
                        return .incomplete
                    }
                    let byte = bytes[index]
                    if byte == quote {
                        // Only the next byte tells a closing quote from a doubled one.
                        guard index + 1 < count else {
                            if isFinal { break }
                            return .incomplete
                        }
                        if bytes[index + 1] != quote { break }
                        escaped = true
                        index += 2
                        continue
                    }
                    if byte == newline { newlines += 1 }
                    index += 1
                }
                fields.append(CSVFieldSpan(
                    start: contentStart, end: index, quoted: true, hasEscapedQuotes: escaped, lineOffset: openingLine))
                index += 1
                guard index < count else {
                    if isFinal { return .record(next: index, newlines: newlines) }
                    return .incomplete
                }
                let byte = bytes[index]
                if byte == separator {
                    index += 1
                    continue
                }
                if byte == newline {
                    return .record(next: index + 1, newlines: newlines + 1)
                }
                if byte == carriageReturn {
                    if index + 1 < count, bytes[index + 1] == newline {
                        return .record(next: index + 2, newlines: newlines + 1)
                    }
                    if index + 1 == count {
                        if isFinal { return .record(next: count, newlines: newlines) }
                        return .incomplete
                    }
                }
                throw .textAfterQuote(field: fields.count - 1, lineOffset: newlines, byte: byte)
            }
            let fieldStart = index
            while index < count {
                let byte = bytes[index]
                if byte == separator || byte == newline { break }
                index += 1
            }
            if index == count, !isFinal { return .incomplete }
            var fieldEnd = index
            let endsRecord = index == count || bytes[index] == newline
            if endsRecord, fieldEnd > fieldStart, bytes[fieldEnd - 1] == carriageReturn { fieldEnd -= 1 }
            fields.append(CSVFieldSpan(
                start: fieldStart, end: fieldEnd, quoted: false, hasEscapedQuotes: false, lineOffset: newlines))
            if index == count { return .record(next: count, newlines: newlines) }
            index += 1
            if endsRecord { return .record(next: index, newlines: newlines + 1) }
        }
    }
}
