import Testing
@testable import MetricsSource

@Suite("Binary COPY stream")
struct BinaryCopyTests {
    /// A stream of (timestamptz, text, text, float8 or NULL) rows as the server would send it.
    static func stream(rows: [(Int64, String, String, Double?)]) -> [UInt8] {
        var writer = BinaryCopyWriter()
        writer.writeHeader()
        for row in rows {
            writer.beginRow(fieldCount: 4)
            writer.writeTimestamp(unixSeconds: row.0)
            writer.writeText(row.1)
            writer.writeText(row.2)
            if let value = row.3 { writer.writeDouble(value) } else { writer.writeNull() }
        }
        writer.writeTrailer()
        return writer.bytes
    }

    static let rows: [(Int64, String, String, Double?)] = [
        (1_767_571_200, "system", "cpu", 1.5),
        (1_767_571_260, "api", "latency é", nil),
        (0, "", "m", -0.0),
        (-60, "x", "y", .infinity),
    ]

    /// Decodes `chunks` and returns the rows seen.
    static func decode(_ chunks: [[UInt8]]) throws -> [(Int64, String, String, Double)] {
        var reader = BinaryCopyReader(fieldCount: 4, queryName: "test")
        var seen: [(Int64, String, String, Double)] = []
        for chunk in chunks {
            try chunk.withUnsafeBytes { bytes in
                try reader.feed(bytes) { row throws(MetricsSourceError) in
                    let micros = row.int64(0)!
                    seen.append((PostgresTime.unixSeconds(fromMicroseconds: micros)!, row.text(1)!, row.text(2)!, row.double(3)!))
                }
            }
        }
        try reader.finish()
        return seen
    }

    static func check(_ decoded: [(Int64, String, String, Double)]) {
        #expect(decoded.count == rows.count)
        for (got, want) in zip(decoded, rows) {
            #expect(got.0 == want.0 && got.1 == want.1 && got.2 == want.2)
            if let value = want.3 {
                #expect(got.3.bitPattern == value.bitPattern)
            } else {
                #expect(got.3.isNaN)
            }
        }
    }

    @Test("header glued to the first row decodes as one message")
    func headerGluedToFirstRow() throws {
        Self.check(try Self.decode([Self.stream(rows: Self.rows)]))
    }

    @Test("every split of the stream into two chunks decodes the same rows")
    func everySplitPoint() throws {
        let bytes = Self.stream(rows: Self.rows)
        for split in 0 ... bytes.count {
            Self.check(try Self.decode([Array(bytes[..<split]), Array(bytes[split...])]))
        }
    }

    @Test("one byte per chunk decodes the same rows")
    func byteByByte() throws {
        Self.check(try Self.decode(Self.stream(rows: Self.rows).map { [$0] }))
    }

    @Test("a wrong signature is reported")
    func wrongSignature() throws {
        var bytes = Self.stream(rows: Self.rows)
        bytes[0] = UInt8(ascii: "X")
        #expect(throws: MetricsSourceError.malformedResponse(query: "test", message: "the binary COPY signature is missing.")) {
            _ = try Self.decode([bytes])
        }
    }

    @Test("a row with the wrong number of fields is reported")
    func wrongFieldCount() throws {
        var writer = BinaryCopyWriter()
        writer.writeHeader()
        writer.beginRow(fieldCount: 3)
        writer.writeNull(); writer.writeNull(); writer.writeNull()
        writer.writeTrailer()
        #expect(throws: MetricsSourceError.malformedResponse(query: "test", message: "a row has 3 fields; expected 4.")) {
            _ = try Self.decode([writer.bytes])
        }
    }

    @Test("a stream cut before the trailer is reported, not taken as complete")
    func truncatedStream() throws {
        let bytes = Self.stream(rows: Self.rows)
        let error = #expect(throws: MetricsSourceError.self) { _ = try Self.decode([Array(bytes.dropLast(5))]) }
        #expect(error?.description.contains("ended early") == true)
    }

    @Test("data after the trailer is reported")
    func dataAfterTrailer() throws {
        let bytes = Self.stream(rows: Self.rows) + [0, 4]
        #expect(throws: MetricsSourceError.malformedResponse(query: "test", message: "data follows the binary COPY trailer.")) {
            _ = try Self.decode([bytes])
        }
    }

    @Test("timestamps use PostgreSQL's 2000-01-01 epoch in microseconds")
    func timestampEncoding() {
        #expect(PostgresTime.microseconds(fromUnixSeconds: 946_684_800) == 0)
        #expect(PostgresTime.microseconds(fromUnixSeconds: 946_684_801) == 1_000_000)
        #expect(PostgresTime.unixSeconds(fromMicroseconds: -1_000_000) == 946_684_799)
        #expect(PostgresTime.unixSeconds(fromMicroseconds: 1) == nil)
    }
}
