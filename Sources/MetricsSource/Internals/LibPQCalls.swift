import CLibPQ

/// Every libpq function MetricsSource calls, each wrapped once.
///
/// Raw `PGconn*` and `PGresult*` pointers appear only here and in their two
/// owners (`ConnectionHandle`, `ResultHandle`); nothing outside Internals sees
/// a C pointer. Strings cross as UTF-8: the connection forces
/// `client_encoding=UTF8`.
enum LibPQ {
    // MARK: Connections

    /// Connects synchronously with `expand_dbname = 1`, so a `dbname` entry may hold a
    /// whole conninfo string or URI. Never returns nil except when out of memory.
    ///
    /// A failed connection's message carries the server's SQLSTATE (`FATAL:  3D000: …`,
    /// followed by a `LOCATION:` line), because libpq offers no other way to learn it:
    /// a startup failure has no `PGresult`, and error verbosity can only be set on an
    /// existing `PGconn`. So the connection is created with `PQconnectStartParams`,
    /// made verbose, and then `PQreset` runs libpq's own synchronous connect (with its
    /// per-host `connect_timeout` and multi-host handling) on the same parameters; the
    /// socket the start opened is closed before any byte is sent, which the server
    /// does not log. An open connection goes back to the default verbosity.
    static func connect(keywords: [String], values: [String]) -> OpaquePointer? {
        let started = withCStringArray(keywords) { keys in
            withCStringArray(values) { vals in
                PQconnectStartParams(keys, vals, 1)
            }
        }
        // Bad option values fail here, before any network step; their message is final.
        guard let connection = started, PQstatus(connection) != CONNECTION_BAD else { return started }
        PQsetErrorVerbosity(connection, PQERRORS_VERBOSE)
        PQreset(connection)
        if PQstatus(connection) == CONNECTION_OK { PQsetErrorVerbosity(connection, PQERRORS_DEFAULT) }
        return connection
    }

    /// Hands the server's notices (`NOTICE: relation … already exists, skipping`) to
    /// `PostgresNotices.log` instead of libpq's default processor, which prints them on stderr
    /// past the application's log handler (and so breaks a JSON-lines log).
    static func routeNotices(_ connection: OpaquePointer) {
        PQsetNoticeProcessor(connection, { _, message in
            guard let message else { return }
            PostgresNotices.log(String(cString: message))
        }, nil)
    }

    static func isConnected(_ connection: OpaquePointer) -> Bool {
        PQstatus(connection) == CONNECTION_OK
    }

    static func errorMessage(_ connection: OpaquePointer) -> String {
        trimmed(PQerrorMessage(connection))
    }

    static func connectionUsedPassword(_ connection: OpaquePointer) -> Bool {
        PQconnectionUsedPassword(connection) != 0
    }

    static func connectionNeedsPassword(_ connection: OpaquePointer) -> Bool {
        PQconnectionNeedsPassword(connection) != 0
    }

    static func finish(_ connection: OpaquePointer) {
        PQfinish(connection)
    }

    static func serverVersion(_ connection: OpaquePointer) -> Int {
        Int(PQserverVersion(connection))
    }

    static func backendProcessID(_ connection: OpaquePointer) -> Int {
        Int(PQbackendPID(connection))
    }

    /// Host, port, database and user of an open connection; never the password.
    static func endpoint(_ connection: OpaquePointer) -> (host: String, port: String, database: String, user: String) {
        (string(PQhost(connection)) ?? "", string(PQport(connection)) ?? "",
         string(PQdb(connection)) ?? "", string(PQuser(connection)) ?? "")
    }

    /// The options of a conninfo string or URI, as libpq reads them, with a flag
    /// for the options libpq itself marks secret (display character `*`:
    /// password, sslpassword). On a parse error, libpq's message.
    static func parseConnectionString(_ text: String) -> Result<[ConnectionOption], ParseFailure> {
        var errorPointer: UnsafeMutablePointer<CChar>? = nil
        guard let options = PQconninfoParse(text, &errorPointer) else {
            let message = errorPointer.map { String(cString: $0) } ?? "out of memory"
            if let errorPointer { PQfreemem(errorPointer) }
            return .failure(ParseFailure(message: oneLine(message)))
        }
        defer { PQconninfoFree(options) }
        var result: [ConnectionOption] = []
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val {
                let display = cursor.pointee.dispchar.map { String(cString: $0) } ?? ""
                result.append(ConnectionOption(
                    keyword: String(cString: keyword), value: String(cString: value), isSecret: display == "*"))
            }
            cursor += 1
        }
        return .success(result)
    }

    struct ConnectionOption: Equatable {
        let keyword: String
        let value: String
        let isSecret: Bool
    }

    struct ParseFailure: Error {
        let message: String
    }

    // MARK: Queries

    /// `PQexecParams` with text parameters (nil = SQL NULL) and text results.
    /// Parameters cross as (pointer, length) pairs: no C string is built from a
    /// value, so lengths are exact.
    static func execute(_ connection: OpaquePointer, _ sql: String, parameters: [String?]) -> OpaquePointer? {
        let buffers: [ContiguousArray<CChar>?] = parameters.map { $0.map { ContiguousArray($0.utf8CString) } }
        return withParameterPointers(buffers) { values, lengths in
            PQexecParams(connection, sql, Int32(parameters.count), nil, values, lengths, nil, 0)
        }
    }

    static func resultStatus(_ result: OpaquePointer) -> ExecStatusType {
        PQresultStatus(result)
    }

    static func sqlState(_ result: OpaquePointer) -> String? {
        string(PQresultErrorField(result, clibpq_diag_sqlstate()))
    }

    static func primaryMessage(_ result: OpaquePointer) -> String? {
        string(PQresultErrorField(result, clibpq_diag_message_primary()))
    }

    static func resultErrorMessage(_ result: OpaquePointer) -> String {
        trimmed(PQresultErrorMessage(result))
    }

    static func rowCount(_ result: OpaquePointer) -> Int { Int(PQntuples(result)) }

    static func columnCount(_ result: OpaquePointer) -> Int { Int(PQnfields(result)) }

    static func columnName(_ result: OpaquePointer, _ column: Int) -> String {
        string(PQfname(result, Int32(column))) ?? ""
    }

    static func affectedRows(_ result: OpaquePointer) -> Int {
        Int(string(PQcmdTuples(result)) ?? "") ?? 0
    }

    /// A text-format cell; nil for SQL NULL.
    static func value(_ result: OpaquePointer, row: Int, column: Int) -> String? {
        if PQgetisnull(result, Int32(row), Int32(column)) != 0 { return nil }
        guard let bytes = PQgetvalue(result, Int32(row), Int32(column)) else { return nil }
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        return bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    static func clear(_ result: OpaquePointer) {
        PQclear(result)
    }

    /// The next result of the current command, nil when there are no more.
    static func nextResult(_ connection: OpaquePointer) -> OpaquePointer? {
        PQgetResult(connection)
    }

    /// `PQescapeLiteral`: `text` as a quoted SQL literal, escaped for the
    /// connection's encoding and `standard_conforming_strings`. Nil on failure
    /// (the connection's error message says why).
    static func escapeLiteral(_ connection: OpaquePointer, _ text: String) -> String? {
        var utf8 = Array(text.utf8)
        let count = utf8.count
        return utf8.withUnsafeMutableBufferPointer { buffer -> String? in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(count, 1)) { pointer in
                guard let escaped = PQescapeLiteral(connection, pointer, count) else { return nil }
                defer { PQfreemem(escaped) }
                return String(cString: escaped)
            }
        }
    }

    // MARK: COPY

    /// What one `PQgetCopyData` call produced.
    enum CopyChunk {
        /// A CopyData message was handed to the body.
        case data
        /// The COPY finished; collect its result with `nextResult`.
        case done
        /// The COPY failed; the connection's error message says why.
        case failed
    }

    /// Reads one CopyData message (blocking) and lends its bytes to `body`; the
    /// buffer is freed when `body` returns, so the bytes must not escape.
    static func readCopyData<E: Error>(
        _ connection: OpaquePointer, _ body: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) -> CopyChunk {
        var buffer: UnsafeMutablePointer<CChar>? = nil
        let count = PQgetCopyData(connection, &buffer, 0)
        if count > 0, let buffer {
            defer { PQfreemem(buffer) }
            try body(UnsafeRawBufferPointer(start: buffer, count: Int(count)))
            return .data
        }
        if let buffer { PQfreemem(buffer) }
        return count == -1 ? .done : .failed
    }

    /// `PQputCopyData` in blocking mode: true when queued.
    static func writeCopyData(_ connection: OpaquePointer, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
        return PQputCopyData(connection, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count)) == 1
    }

    /// `PQputCopyEnd`; with a message the server aborts the COPY.
    static func endCopy(_ connection: OpaquePointer, abortingWith message: String? = nil) -> Bool {
        if let message {
            return PQputCopyEnd(connection, message) == 1
        }
        return PQputCopyEnd(connection, nil) == 1
    }

    // MARK: Helpers

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// libpq's multi-line messages on one line (errors are printed as one `error:` line).
    private static func trimmed(_ pointer: UnsafePointer<CChar>?) -> String {
        oneLine(string(pointer) ?? "")
    }

    private static func trimmed(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        oneLine(string(pointer) ?? "")
    }

    static func oneLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text.trimmingTrailingNewlines() {
            if character == "\n" || character == "\r" || character == "\r\n" || character == "\t" {
                pendingSpace = true
            } else {
                if pendingSpace, !result.isEmpty, result.last != " " { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    private static func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let buffers = strings.map { ContiguousArray($0.utf8CString) }
        return withParameterPointers(buffers) { pointers, _ in
            var terminated = Array(UnsafeBufferPointer(start: pointers, count: buffers.count))
            terminated.append(nil)
            return terminated.withUnsafeBufferPointer { body($0.baseAddress!) }
        }
    }

    /// Lends C pointers (and byte lengths without the terminator) to every buffer at once.
    private static func withParameterPointers<R>(
        _ buffers: [ContiguousArray<CChar>?],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        var pointers: [UnsafePointer<CChar>?] = []
        var lengths: [Int32] = []
        pointers.reserveCapacity(buffers.count)
        lengths.reserveCapacity(buffers.count)
        func recurse(_ index: Int) -> R {
            if index == buffers.count {
                return pointers.withUnsafeBufferPointer { p in
                    lengths.withUnsafeBufferPointer { l in body(p.baseAddress, l.baseAddress) }
                }
            }
            guard let buffer = buffers[index] else {
                pointers.append(nil)
                lengths.append(0)
                return recurse(index + 1)
            }
            return buffer.withUnsafeBufferPointer { bytes in
                pointers.append(bytes.baseAddress)
                lengths.append(Int32(bytes.count - 1))
                return recurse(index + 1)
            }
        }
        return recurse(0)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while let last = text.last, last == "\n" || last == "\r" || last == " " { text.removeLast() }
        return String(text)
    }
}
