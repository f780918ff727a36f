// Streaming CSV reading.
//
// Goals, in order:
// 1. Correct: RFC 4180 quoting, CRLF, a UTF-8 byte-order mark; numbers equal to
//    `strtod`; every malformed input rejected with its file, line and column.
// 2. Bounded memory: the file is read `chunkSize` bytes at a time into one
//    buffer; only the parsed columns grow with the file, never its text.
// 3. Fast: fields are found and numbers parsed on the bytes of that buffer,
//    with no `String` per numeric cell.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads CSV files into `Dataset`s.
///
/// The first non-blank record is the header of column names (non-empty,
/// unique). Every following record must have as many fields. A cell that is
/// empty (or only spaces) or spells NaN (`NaN`, `nan`) is missing. Numbers are
/// anything C `strtod` reads completely, surrounding spaces ignored. Blank lines
/// are skipped, so a missing cell of a one-column file must be written `""`.
public enum CSVReader {
    /// Reads the CSV file at `path`.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - options: Column types, separator and chunk size; the default
    ///     requires every column to be numeric.
    /// - Returns: The columns in header order, numeric or text per `options`.
    /// - Throws: `DatasetError.inputMissing` when the file cannot be opened or
    ///   read; `DatasetError.malformed` naming the file, line and column for an
    ///   empty file, an empty or repeated header name, a row with the wrong
    ///   number of fields, text in a numeric column, invalid UTF-8, an unclosed
    ///   quote or text after a closing quote; `DatasetError.invalid` for bad options.
    /// - Complexity: O(file size) time; memory O(rows × columns) for the values
    ///   plus one buffer of `options.chunkSize` (larger only for a longer record).
    ///   A column allowed to hold text whose first text cell follows numbers
    ///   costs one more pass over the file.
    public static func read(path: String, options: CSVReadOptions = CSVReadOptions()) throws(DatasetError) -> Dataset {
        let separator = try options.validatedSeparator()
        var textFromStart: Set<String> = []
        while true {
            let kinds = { (name: String) -> CSVColumnBuilder.Kind in
                if textFromStart.contains(name) { return .text }
                switch options.columnTypes {
                case .inferred: return .numericOrText
                case .numeric(let allowingText): return allowingText.contains(name) ? .numericOrText : .numeric
                }
            }
            let parser = try readPass(path: path, separator: separator, options: options, kindOf: kinds)
            let late = parser.columns.filter(\.needsTextPass).map(\.name)
            guard late.isEmpty else {
                textFromStart.formUnion(late)
                continue
            }
            return try Dataset(columns: parser.columns.map { $0.column() })
        }
    }

    /// One pass over the file: buffer refills, byte-order mark, row-count estimate.
    private static func readPass(
        path: String, separator: UInt8, options: CSVReadOptions, kindOf: @escaping (String) -> CSVColumnBuilder.Kind
    ) throws(DatasetError) -> CSVParser {
        let file = try InputFile(path: path)
        let fileSize = file.size
        var parser = CSVParser(path: path, separator: separator, parallel: options.parallel, kindOf: kindOf)
        // A small file gets a buffer of its size (one byte more, so the first fill sees its end), not
        // the whole chunk: `predict` reads its rows while a large model is already in memory.
        var buffer = ReadBuffer(capacity: fileSize.map { min(options.chunkSize, max($0, 1) + 1) } ?? options.chunkSize)
        var isFirstChunk = true
        var bytesParsed = 0
        while true {
            try buffer.fill(from: file)
            let isFinal = buffer.reachedEnd
            let consumed = try buffer.withBytes { (bytes) throws(DatasetError) -> Int in
                let hasByteOrderMark = isFirstChunk && bytes.starts(with: [0xEF, 0xBB, 0xBF])
                let start = hasByteOrderMark ? 3 : 0
                return try parser.parse(UnsafeBufferPointer(rebasing: bytes[start...]), isFinal: isFinal) + start
            }
            bytesParsed += consumed
            if isFinal { break }
            if isFirstChunk, let fileSize, parser.rowCount > 0 {
                // Rows so far predict the total to within a few percent; 3 % more
                // spares the columns a final doubling past the need.
                let expected = fileSize * parser.rowCount / bytesParsed
                parser.reserveCapacity(rows: expected + expected / 32 + 16)
            }
            isFirstChunk = false
            buffer.discard(first: consumed)
        }
        guard parser.hasHeader else {
            throw .malformed(path: path, line: 1, column: nil, reason: "the file is empty; expected a header row of column names.")
        }
        return parser
    }
}
