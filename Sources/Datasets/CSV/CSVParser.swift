/// Turns CSV bytes into column values: the header first, then one row per record.
///
/// Fed one buffer at a time by `CSVReader`; it consumes whole records only and
/// reports how many bytes that was, so a record cut by the buffer's end is
/// read again once more bytes follow. Lines count physical lines from 1, so a
/// quoted field holding line breaks moves later line numbers on.
///
/// Numbers are written row by row into a small row-major staging block and
/// moved into the columns when it fills, so the hot loop stores into one flat
/// buffer instead of growing one array per cell. Records of plain decimals take
/// `readPlainRecords`; anything else (quotes, spaces, text, NaN spellings, errors)
/// goes through `CSVRecordScanner` and `appendScannedRow`.
struct CSVParser {
    /// The file path, for messages.
    let path: String
    let separator: UInt8
    /// The kind each column gets once the header names it.
    private let kindOf: (String) -> CSVColumnBuilder.Kind
    var scanner: CSVRecordScanner
    /// One builder per header column; empty until the header is read.
    var columns: [CSVColumnBuilder] = []
    /// True once the header has been read.
    private(set) var hasHeader = false
    /// Data rows read so far, staged ones included.
    var rowCount = 0
    /// The physical line on which the next record starts.
    var line = 1
    /// Row-major numbers of the rows not yet moved into `columns`.
    var staging: [Double] = []
    /// Rows held in `staging`.
    var stagedRows = 0
    /// Rows `staging` holds when full.
    var stagingCapacity = 0
    /// The numbers of the row being read on the slow path, one slot per column.
    var pendingRow: [Double] = []
    /// Columns that are text; while there are none, every record may take the fast path.
    var textColumnCount = 0
    /// True while buffers may be parsed on two threads; off for good after a buffer that could not.
    var parallelEnabled: Bool
    /// The row-major block the two threads fill, kept between buffers.
    var parallelBlock: [Double] = []

    /// A parser for `path` splitting at `separator`, giving each column the kind `kindOf(name)`,
    /// using two threads for large buffers of plain numbers when `parallel` is true.
    init(path: String, separator: UInt8, parallel: Bool, kindOf: @escaping (String) -> CSVColumnBuilder.Kind) {
        self.path = path
        self.parallelEnabled = parallel
        self.separator = separator
        self.kindOf = kindOf
        self.scanner = CSVRecordScanner(separator: separator)
    }

    /// Makes room for `rows` values in every column.
    mutating func reserveCapacity(rows: Int) {
        for index in columns.indices { columns[index].reserveCapacity(rows) }
    }

    /// Reads every whole record in `bytes` and moves staged rows into the
    /// columns; returns how many bytes the records took.
    /// - Parameter isFinal: true when `bytes` runs to the end of the file.
    /// - Throws: `DatasetError.malformed` naming the file, line and column.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, isFinal: Bool) throws(DatasetError) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var start = 0
        if !hasHeader {
            start = try parseHeader(base, count: bytes.count, isFinal: isFinal)
            guard hasHeader else { return start }
        }
        if parallelEnabled, textColumnCount == 0 {
            if let next = parsePlainInParallel(base, from: start, count: bytes.count) {
                start = next
            } else {
                parallelEnabled = false
            }
        }
        var block = staging
        staging = []
        defer { staging = block }
        return try block.withUnsafeMutableBufferPointer { (rows) throws(DatasetError) -> Int in
            defer { flush(rows) }
            let width = columns.count
            while start < bytes.count {
                if stagedRows == stagingCapacity { flush(rows) }
                if textColumnCount == 0 {
                    let plain = Self.readPlainRecords(
                        base, from: start, count: bytes.count, separator: separator, width: width,
                        into: rows.baseAddress! + stagedRows * width, capacity: stagingCapacity - stagedRows)
                    stagedRows += plain.rows
                    rowCount += plain.rows
                    line += plain.rows
                    start = plain.next
                    if plain.rows > 0 { continue }
                }
                guard let next = try slowRecord(base, from: start, count: bytes.count, isFinal: isFinal, staging: rows) else {
                    break
                }
                start = next
            }
            return start
        }
    }

    /// Reads the header record, skipping blank lines before it; returns the bytes consumed.
    private mutating func parseHeader(_ base: UnsafePointer<UInt8>, count: Int, isFinal: Bool) throws(DatasetError) -> Int {
        var start = 0
        while start < count, !hasHeader {
            guard case .record(let next, let newlines) = try scan(base, from: start, count: count, isFinal: isFinal) else {
                break
            }
            if !scanner.isBlankRecord { try readHeader(base, scanner.fields) }
            line += newlines
            start = next
        }
        return start
    }

    /// Names the columns from the header record.
    private mutating func readHeader(_ base: UnsafePointer<UInt8>, _ fields: [CSVFieldSpan]) throws(DatasetError) {
        var firstField: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            guard let name = Self.text(base, field) else {
                throw .malformed(path: path, line: line + field.lineOffset, column: nil,
                                 reason: "header field \(index + 1) is not valid UTF-8.")
            }
            guard !name.isEmpty else {
                throw .malformed(path: path, line: line, column: nil,
                                 reason: "header field \(index + 1) is empty; every column needs a name.")
            }
            if let earlier = firstField[name] {
                throw .malformed(path: path, line: line, column: name,
                                 reason: "header fields \(earlier + 1) and \(index + 1) have the same name; names must be unique.")
            }
            firstField[name] = index
            let kind = kindOf(name)
            if kind == .text { textColumnCount += 1 }
            columns.append(CSVColumnBuilder(name: name, kind: kind))
        }
        // About 1 MiB of staging: big enough to amortise moving rows into
        // columns, small enough to stay in cache; at least 16 rows for wide files.
        stagingCapacity = max(16, (1 << 17) / max(1, columns.count))
        staging = Array(repeating: 0, count: stagingCapacity * columns.count)
        pendingRow = Array(repeating: 0, count: columns.count)
        hasHeader = true
    }

    /// Moves the staged rows into the columns.
    mutating func flush(_ rows: UnsafeMutableBufferPointer<Double>) {
        guard stagedRows > 0 else { return }
        let staged = UnsafeBufferPointer(rebasing: rows[..<(stagedRows * columns.count)])
        for index in columns.indices where columns[index].kind != .text {
            columns[index].appendNumbers(staged, column: index, width: columns.count)
        }
        stagedRows = 0
    }

    /// Scans one record, turning a scanner failure into a message with line and column.
    mutating func scan(_ base: UnsafePointer<UInt8>, from start: Int, count: Int, isFinal: Bool) throws(DatasetError) -> CSVScanOutcome {
        do {
            return try scanner.scanRecord(base, from: start, count: count, isFinal: isFinal)
        } catch {
            throw scanError(error)
        }
    }

    /// The field's text with doubled quotes undone, or nil when it is not valid UTF-8.
    static func text(_ base: UnsafePointer<UInt8>, _ field: CSVFieldSpan) -> String? {
        withContent(base, field, makeString)
    }

    /// Calls `body` with the field's content bytes, doubled quotes undone.
    static func withContent<R>(
        _ base: UnsafePointer<UInt8>, _ field: CSVFieldSpan, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        let raw = UnsafeBufferPointer(start: base + field.start, count: field.end - field.start)
        guard field.hasEscapedQuotes else { return body(raw) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var skipNextQuote = false
        for byte in raw {
            if byte == UInt8(ascii: "\""), skipNextQuote {
                skipNextQuote = false
                continue
            }
            skipNextQuote = byte == UInt8(ascii: "\"")
            unescaped.append(byte)
        }
        return unescaped.withUnsafeBufferPointer(body)
    }

    /// A string from UTF-8 bytes, or nil when they are not valid UTF-8. ASCII,
    /// the common case, skips the general validation.
    static func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The scanner's failure as a message naming the line and column.
    private func scanError(_ failure: CSVRecordScanner.Failure) -> DatasetError {
        switch failure {
        case .unterminatedQuote(let field, let lineOffset):
            .malformed(path: path, line: line + lineOffset, column: columnName(field),
                       reason: "a quoted field opens on this line and is never closed; expected a closing '\"'.")
        case .textAfterQuote(let field, let lineOffset, let byte):
            .malformed(path: path, line: line + lineOffset, column: columnName(field),
                       reason: "unexpected \(Self.describe(byte)) after a closing quote; expected the separator or the end of the line.")
        }
    }

    /// The name of field `index`: a column name once the header is read.
    private func columnName(_ index: Int) -> String? {
        hasHeader && index < columns.count ? columns[index].name : nil
    }

    /// A byte as a message shows it: printable ASCII quoted, anything else in hex.
    private static func describe(_ byte: UInt8) -> String {
        (0x20 ..< 0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
