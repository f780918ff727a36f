/// Encodes rows in PostgreSQL's binary COPY format into a reusable byte buffer.
///
/// Layout (all integers big-endian): the 11-byte signature `PGCOPY\n\377\r\n\0`,
/// int32 flags (0), int32 header-extension length (0); then per row an int16
/// field count and, per field, an int32 byte length (−1 for NULL) and the
/// bytes; finally the int16 trailer −1.
struct BinaryCopyWriter {
    static let signature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]

    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 1 << 20) {
        bytes.reserveCapacity(capacity)
    }

    mutating func writeHeader() {
        bytes += Self.signature
        appendBigEndian(Int32(0))
        appendBigEndian(Int32(0))
    }

    mutating func writeTrailer() {
        appendBigEndian(Int16(-1))
    }

    mutating func beginRow(fieldCount: Int) {
        appendBigEndian(Int16(fieldCount))
    }

    mutating func writeNull() {
        appendBigEndian(Int32(-1))
    }

    /// A `text` field: its UTF-8 bytes.
    mutating func writeText(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            appendBigEndian(Int32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A `double precision` field: the IEEE 754 bits.
    mutating func writeDouble(_ value: Double) {
        appendBigEndian(Int32(8))
        appendBigEndian(value.bitPattern)
    }

    /// A `timestamptz` field from whole Unix seconds.
    mutating func writeTimestamp(unixSeconds: Int64) {
        appendBigEndian(Int32(8))
        appendBigEndian(PostgresTime.microseconds(fromUnixSeconds: unixSeconds))
    }

    /// Empties the buffer, keeping its capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
