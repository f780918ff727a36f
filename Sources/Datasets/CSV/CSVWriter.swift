import DurableFiles

/// Writes a CSV file (RFC 4180 quoting, LF line ends, UTF-8) row by row, atomically,
/// or streams the same text to a caller's sink (e.g. standard output).
///
/// Goals, in order: the file appears complete or not at all → readable back
/// exactly → bounded memory → fast. Rows are buffered (1 MiB) and streamed to a
/// temporary file; nothing appears at `path` until `commit()`. A writer dropped
/// before `commit()` leaves `path` untouched. A sink receives each 1 MiB block as it
/// fills and the rest at `commit()`; it is not atomic.
///
/// Numbers are written so that they read back to the same `Double`: whole numbers
/// below 2^53 without a fraction (`1767571200`, `42`), others in Swift's shortest
/// round-trip form (`0.125`, `1e-05`); NaN, the missing value, is an empty cell, as
/// is a `nil` text. In a one-column file an empty cell is written `""`, because
/// `CSVReader` skips blank lines.
public final class CSVWriter {
    /// Receives blocks of CSV bytes in order; throws `DatasetError.cannotWrite` when it cannot take them.
    public typealias Sink = ([UInt8]) throws(DatasetError) -> Void

    /// The destination path, or the sink's name.
    public let path: String
    /// Data rows ended so far (the header not counted).
    public private(set) var rowCount = 0

    private enum Destination {
        case file(AtomicWriter)
        case sink(Sink)
    }

    private let destination: Destination
    private let columnCount: Int
    private var fieldsInRow = 0
    private var buffer: [UInt8] = []
    private static let flushThreshold = 1 << 20

    /// Starts a file at `path` whose first row is `header`.
    /// - Parameter header: the column names; at least one.
    /// - Throws: `DatasetError.cannotWrite` when the temporary file cannot be created.
    public init(path: String, header: [String]) throws(DatasetError) {
        precondition(!header.isEmpty, "a CSV file needs at least one column")
        self.path = path
        do {
            destination = .file(try AtomicWriter(path: path))
        } catch {
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
        columnCount = header.count
        buffer.reserveCapacity(Self.flushThreshold + 4_096)
        for name in header { writeField(name) }
        endRecord()
    }

    /// Starts CSV text whose first row is `header`, handed to `sink` in blocks (not atomic).
    /// - Parameters:
    ///   - name: how messages name the destination, e.g. "standard output".
    ///   - header: the column names; at least one.
    ///   - sink: receives the bytes in order.
    public init(streamingTo name: String, header: [String], sink: @escaping Sink) {
        precondition(!header.isEmpty, "a CSV file needs at least one column")
        path = name
        destination = .sink(sink)
        columnCount = header.count
        buffer.reserveCapacity(Self.flushThreshold + 4_096)
        for name in header { writeField(name) }
        endRecord()
    }

    /// Appends a text cell; `nil` writes an empty (missing) cell. Quotes it when it holds `,`, `"`, CR or LF.
    public func writeField(_ text: String?) {
        separate()
        Self.appendText(text, columns: columnCount, to: &buffer)
    }

    /// `text`'s cell, quoted when needed; `nil` or "" is a missing cell.
    static func appendText(_ text: String?, columns: Int, to buffer: inout [UInt8]) {
        guard let text, !text.isEmpty else {
            appendEmptyCell(columns: columns, to: &buffer)
            return
        }
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            buffer.append(contentsOf: text.utf8)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends a numeric cell; NaN writes an empty (missing) cell.
    public func writeField(_ number: Double) {
        separate()
        Self.appendNumber(number, columns: columnCount, to: &buffer)
    }

    /// `number`'s cell text: empty for NaN, whole numbers below 2^53 as integers, others shortest round-trip.
    static func appendNumber(_ number: Double, columns: Int, to buffer: inout [UInt8]) {
        if number.isNaN {
            appendEmptyCell(columns: columns, to: &buffer)
        } else if number == number.rounded(), abs(number) < 0x1p53 {
            buffer.append(contentsOf: String(Int64(number)).utf8)
        } else if number.isInfinite {
            buffer.append(contentsOf: (number < 0 ? "-inf" : "inf").utf8)
        } else {
            // `write(to:)` prints the same digits as `description` (both are the standard
            // library's shortest round-trip form) but hands them over as ASCII bytes, so
            // no String is allocated per number.
            var sink = ASCIISink()
            swap(&buffer, &sink.bytes)
            number.write(to: &sink)
            swap(&buffer, &sink.bytes)
        }
    }

    /// Appends an integer cell.
    public func writeField(_ integer: Int64) {
        separate()
        buffer.append(contentsOf: String(integer).utf8)
    }

    /// Ends the current row, which must hold exactly one cell per header column.
    /// - Throws: `DatasetError.cannotWrite` when flushing the buffer fails.
    public func endRow() throws(DatasetError) {
        endRecord()
        rowCount += 1
        if buffer.count >= Self.flushThreshold {
            try emit(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes a whole row of text cells (`nil` = missing).
    /// - Throws: `DatasetError.cannotWrite` when flushing the buffer fails.
    public func writeRow(_ fields: [String?]) throws(DatasetError) {
        for field in fields { writeField(field) }
        try endRow()
    }

    /// Writes what is buffered, flushes it to disk and moves the file to `path`.
    /// - Throws: `DatasetError.cannotWrite`; `path` is then left as it was.
    public func commit() throws(DatasetError) {
        precondition(fieldsInRow == 0, "\(path): commit in the middle of a row")
        try emit(buffer)
        buffer.removeAll()
        if case .file(let file) = destination {
            do {
                try file.commit()
            } catch {
                throw .cannotWrite(path: error.path, reason: error.reason)
            }
        }
    }

    /// Hands the buffer to the file or the sink.
    private func emit(_ bytes: [UInt8]) throws(DatasetError) {
        switch destination {
        case .file(let file):
            do {
                try file.write(bytes)
            } catch {
                throw .cannotWrite(path: error.path, reason: error.reason)
            }
        case .sink(let sink): try sink(bytes)
        }
    }

    /// Writes `dataset` to `path` with a header of its column names, atomically.
    /// - Throws: `DatasetError.cannotWrite`.
    /// - Complexity: O(rows × columns) time, O(1 MiB) extra memory.
    public static func write(_ dataset: Dataset, to path: String) throws(DatasetError) {
        let writer = try CSVWriter(path: path, header: dataset.columnNames)
        try writer.writeRows(of: dataset)
        try writer.commit()
    }

    /// Appends every row of `dataset`, whose columns must match the header in number.
    ///
    /// Blocks of rows are formatted on two threads at a time (rows are independent) and written
    /// in order: the same bytes as one thread writes.
    /// - Throws: `DatasetError.cannotWrite` when writing fails.
    /// - Complexity: O(rows × columns) time, O(2 blocks of `rowsPerBlock(columns:)` rows) extra memory.
    public func writeRows(of dataset: Dataset) throws(DatasetError) {
        precondition(fieldsInRow == 0, "\(path): writeRows in the middle of a row")
        precondition(dataset.columns.count == columnCount,
                     "\(path): the data set has \(dataset.columns.count) columns; the header has \(columnCount)")
        let cells = CSVBlockFormatter(dataset)
        let rows = dataset.rowCount
        let perBlock = Self.rowsPerBlock(columns: columnCount)
        if !buffer.isEmpty, rows > 0 {
            try emit(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        var start = 0
        while start < rows {
            let first = start ..< min(rows, start + perBlock)
            let second = first.upperBound ..< min(rows, first.upperBound + perBlock)
            if second.isEmpty {
                try emit(cells.format(first))
            } else {
                let (a, b) = cells.formatInParallel(first, second)
                try emit(a)
                try emit(b)
            }
            rowCount += first.count + second.count
            start = second.upperBound
        }
    }

    /// Rows formatted per block: ~64 K cells, a few hundred KiB of text.
    static func rowsPerBlock(columns: Int) -> Int { max(256, 65_536 / max(columns, 1)) }

    /// A missing cell: nothing, or `""` when it would otherwise be a blank line.
    static func appendEmptyCell(columns: Int, to buffer: inout [UInt8]) {
        if columns == 1 { buffer.append(contentsOf: "\"\"".utf8) }
    }

    private func separate() {
        precondition(fieldsInRow < columnCount, "\(path): row \(rowCount + 1) has more than \(columnCount) cells")
        if fieldsInRow > 0 { buffer.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
    }

    private func endRecord() {
        precondition(fieldsInRow == columnCount, "\(path): row \(rowCount + 1) has \(fieldsInRow) cells; the header has \(columnCount)")
        buffer.append(0x0A)
        fieldsInRow = 0
    }
}

/// Appends what a `TextOutputStreamable` value prints to a byte buffer; numbers print
/// through `_writeASCII`, which takes their digits without building a String.
private struct ASCIISink: TextOutputStream {
    var bytes: [UInt8] = []

    mutating func write(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }
}
