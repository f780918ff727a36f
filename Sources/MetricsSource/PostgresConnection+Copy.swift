/// Binary COPY in both directions: `COPY … FROM STDIN` for loading,
/// `COPY (query) TO STDOUT` for pulling.
extension PostgresConnection {
    /// Runs `COPY (…) TO STDOUT (FORMAT binary)` and lends each CopyData message
    /// to `receive` as it arrives; memory stays at one message.
    ///
    /// - Parameters:
    ///   - name: the query's name for errors.
    ///   - sql: the whole COPY statement (COPY takes no bind parameters: splice
    ///     values with `literal(_:)` only).
    ///   - receive: gets each message's bytes; they are freed when it returns.
    /// - Returns: the number of bytes received.
    /// - Throws: as `query`, plus whatever `receive` throws; the connection is
    ///   unusable after a failure mid-stream.
    func copyOut(
        _ name: String, _ sql: String, receive: (UnsafeRawBufferPointer) throws(MetricsSourceError) -> Void
    ) throws(MetricsSourceError) -> Int {
        _ = try execute(name, sql, [], expecting: .copyOut)
        var received = 0
        try handle.withPointer { connection throws(MetricsSourceError) in
            while true {
                let chunk = try LibPQ.readCopyData(connection) { bytes throws(MetricsSourceError) in
                    received += bytes.count
                    try receive(bytes)
                }
                switch chunk {
                case .data: continue
                case .done: try finishCommand(name, connection)
                case .failed:
                    try finishCommand(name, connection)
                    throw failure(name, result: nil)
                }
                return
            }
        }
        return received
    }

    /// Starts `COPY … FROM STDIN (FORMAT binary)`; follow with `sendCopyData` and `endCopyIn`.
    func beginCopyIn(_ name: String, _ sql: String) throws(MetricsSourceError) {
        _ = try execute(name, sql, [], expecting: .copyIn)
    }

    /// Queues bytes of the COPY stream (libpq sends them as its buffer fills).
    func sendCopyData(_ name: String, _ bytes: UnsafeRawBufferPointer) throws(MetricsSourceError) {
        try handle.withPointer { connection throws(MetricsSourceError) in
            guard LibPQ.writeCopyData(connection, bytes) else { throw failure(name, result: nil) }
        }
    }

    /// Ends the COPY stream and waits for the server's verdict.
    /// - Returns: the rows the server loaded.
    func endCopyIn(_ name: String) throws(MetricsSourceError) -> Int {
        try handle.withPointer { connection throws(MetricsSourceError) in
            guard LibPQ.endCopy(connection) else { throw failure(name, result: nil) }
            return try finishCommand(name, connection)
        }
    }

    /// Collects the results that close a command; the first failure wins.
    /// - Returns: the rows the command reported.
    @discardableResult
    private func finishCommand(_ name: String, _ connection: OpaquePointer) throws(MetricsSourceError) -> Int {
        var firstError: MetricsSourceError?
        var rows = 0
        while let pointer = LibPQ.nextResult(connection) {
            let result = ResultHandle(pointer)
            if result.status == .failed, firstError == nil {
                firstError = failure(name, result: result)
            } else {
                rows = result.affectedRows
            }
        }
        if let firstError { throw firstError }
        return rows
    }
}
