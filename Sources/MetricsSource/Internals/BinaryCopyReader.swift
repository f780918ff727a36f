/// Parses PostgreSQL's binary COPY output as a byte stream.
///
/// Goals, in order: correct for any split of the stream into messages →
/// no copy on the common path → no allocation per row.
///
/// The server sends one CopyData message per row, but the 19-byte header
/// arrives glued to the first row and nothing in the protocol promises that
/// boundaries match rows, so the reader treats messages as arbitrary chunks:
/// complete rows are decoded in place, and an incomplete tail is carried over
/// to the next chunk.
struct BinaryCopyReader {
    /// Fields every row must have.
    let fieldCount: Int
    /// The query's name, for errors.
    let queryName: String
    private(set) var rowCount = 0
    private(set) var headerRead = false
    private(set) var finished = false
    private var carry: [UInt8] = []
    private var offsets: [Int]
    private var lengths: [Int]

    init(fieldCount: Int, queryName: String) {
        self.fieldCount = fieldCount
        self.queryName = queryName
        offsets = Array(repeating: 0, count: fieldCount)
        lengths = Array(repeating: 0, count: fieldCount)
    }

    /// Decodes every complete row in `chunk` (after any carried-over bytes) and
    /// hands each to `body`.
    /// - Throws: `MetricsSourceError.malformedResponse` for a bad signature, a
    ///   wrong field count or data after the trailer; whatever `body` throws.
    mutating func feed(
        _ chunk: UnsafeRawBufferPointer, _ body: (BinaryCopyRow) throws(MetricsSourceError) -> Void
    ) throws(MetricsSourceError) {
        if carry.isEmpty {
            let used = try parse(chunk, body)
            if used < chunk.count { carry.append(contentsOf: chunk[used...]) }
        } else {
            carry.append(contentsOf: chunk)
            var pending = carry
            carry = []
            let used = try pending.withUnsafeBytes { bytes in
                Result { () throws(MetricsSourceError) in try parse(bytes, body) }
            }.get()
            pending.removeFirst(used)
            carry = pending
        }
    }

    /// Checks that the stream ended cleanly: header seen, trailer seen, nothing left over.
    func finish() throws(MetricsSourceError) {
        guard headerRead, finished, carry.isEmpty else {
            throw .malformedResponse(query: queryName, message:
                "the binary COPY stream ended early (header \(headerRead ? "read" : "missing"), trailer \(finished ? "read" : "missing"), \(carry.count) bytes left over).")
        }
    }

    /// Parses as much of `bytes` as holds complete units; returns the bytes used.
    private mutating func parse(
        _ bytes: UnsafeRawBufferPointer, _ body: (BinaryCopyRow) throws(MetricsSourceError) -> Void
    ) throws(MetricsSourceError) -> Int {
        var position = 0
        if !headerRead {
            guard bytes.count >= 19 else { return 0 }
            guard bytes.prefix(11).elementsEqual(BinaryCopyWriter.signature) else {
                throw .malformedResponse(query: queryName, message: "the binary COPY signature is missing.")
            }
            let extensionLength = Int(Self.int32(bytes, at: 15))
            guard extensionLength >= 0 else {
                throw .malformedResponse(query: queryName, message: "negative COPY header extension length.")
            }
            guard bytes.count >= 19 + extensionLength else { return 0 }
            position = 19 + extensionLength
            headerRead = true
        }
        let fieldCount = fieldCount
        let queryName = queryName
        let count = bytes.count
        let finishedBefore = finished
        var rows = 0
        var trailerSeen = false
        try offsets.withUnsafeMutableBufferPointer { offsets throws(MetricsSourceError) in
            try lengths.withUnsafeMutableBufferPointer { lengths throws(MetricsSourceError) in
                rowLoop: while position < count {
                    if finishedBefore || trailerSeen {
                        throw .malformedResponse(query: queryName, message: "data follows the binary COPY trailer.")
                    }
                    guard position + 2 <= count else { break }
                    let fields = Int(Self.int16(bytes, at: position))
                    if fields == -1 {
                        position += 2
                        trailerSeen = true
                        continue
                    }
                    guard fields == fieldCount else {
                        throw .malformedResponse(query: queryName, message: "a row has \(fields) fields; expected \(fieldCount).")
                    }
                    var cursor = position + 2
                    for field in 0 ..< fieldCount {
                        guard cursor + 4 <= count else { break rowLoop }
                        let length = Int(Self.int32(bytes, at: cursor))
                        cursor += 4
                        if length < 0 {
                            offsets[field] = cursor
                            lengths[field] = -1
                        } else {
                            guard cursor + length <= count else { break rowLoop }
                            offsets[field] = cursor
                            lengths[field] = length
                            cursor += length
                        }
                    }
                    try body(BinaryCopyRow(bytes: bytes, offsets: UnsafeBufferPointer(offsets),
                                           lengths: UnsafeBufferPointer(lengths)))
                    rows += 1
                    position = cursor
                }
            }
        }
        rowCount += rows
        if trailerSeen { finished = true }
        return position
    }

    @inline(__always)
    static func int16(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int16 {
        Int16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int16.self))
    }

    @inline(__always)
    static func int32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int32 {
        Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
    }
}

/// One decoded row, valid only inside the `feed` callback that received it.
struct BinaryCopyRow {
    let bytes: UnsafeRawBufferPointer
    let offsets: UnsafeBufferPointer<Int>
    let lengths: UnsafeBufferPointer<Int>

    @inline(__always)
    func isNull(_ field: Int) -> Bool { lengths[field] < 0 }

    /// The raw bytes of a non-NULL field.
    @inline(__always)
    func field(_ field: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[offsets[field] ..< offsets[field] + max(0, lengths[field])])
    }

    /// An 8-byte big-endian integer field (int8, timestamptz), nil if NULL or not 8 bytes.
    @inline(__always)
    func int64(_ field: Int) -> Int64? {
        guard lengths[field] == 8 else { return nil }
        return Int64(bigEndian: bytes.loadUnaligned(fromByteOffset: offsets[field], as: Int64.self))
    }

    /// A float8 field; NaN for NULL (the data sets' missing value), nil if not 8 bytes.
    @inline(__always)
    func double(_ field: Int) -> Double? {
        if lengths[field] < 0 { return .nan }
        guard lengths[field] == 8 else { return nil }
        return Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offsets[field], as: UInt64.self)))
    }

    /// A text field decoded as UTF-8; nil if NULL.
    func text(_ field: Int) -> String? {
        isNull(field) ? nil : String(decoding: self.field(field), as: UTF8.self)
    }
}
