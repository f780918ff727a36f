/// A file written as a stream that appears at its path complete or not at all.
///
/// Bytes go to a temporary beside the destination; `commit()` flushes, renames and flushes the
/// directory. Dropping an uncommitted writer removes the temporary.
public final class AtomicWriter {
    /// The destination as the caller gave it, for messages.
    public let path: String
    private let temporaryPath: String
    private var descriptor: Int32

    /// Creates the temporary next to `path`.
    /// - Throws: `DurableFileError` with the system's reason (missing directory, permissions, disk full).
    public init(path: String) throws(DurableFileError) {
        self.path = path
        StaleTemporaries.sweep(TemporaryName.directory(of: path))
        let temporary = TemporaryName.beside(path)
        OwnedTemporaries.register(temporary)
        switch POSIXCalls.createExclusive(temporary) {
        case .success(let descriptor):
            self.temporaryPath = temporary
            self.descriptor = descriptor
        case .failure(let failure):
            OwnedTemporaries.unregister(temporary)
            throw DurableFileError(path: path, reason: failure.reason)
        }
    }

    deinit {
        if descriptor >= 0 {
            _ = POSIXCalls.close(descriptor)
            POSIXCalls.unlinkIfPresent(temporaryPath)
            OwnedTemporaries.unregister(temporaryPath)
        }
    }

    /// Appends `bytes`.
    /// - Throws: `DurableFileError` (disk full, I/O error).
    public func write(_ bytes: [UInt8]) throws(DurableFileError) {
        precondition(descriptor >= 0, "write after commit of \(path)")
        if let failure = bytes.withUnsafeBytes({ POSIXCalls.writeAll(descriptor, $0) }) {
            throw DurableFileError(path: path, reason: failure.reason)
        }
    }

    /// Flushes the bytes to disk, renames the temporary over `path` and flushes the directory.
    /// - Throws: `DurableFileError`; the temporary is removed and `path` left as it was.
    public func commit() throws(DurableFileError) {
        precondition(descriptor >= 0, "commit twice of \(path)")
        let failure = POSIXCalls.sync(descriptor: descriptor) ?? POSIXCalls.close(descriptor)
        descriptor = -1
        defer { OwnedTemporaries.unregister(temporaryPath) }
        do throws(DurableFileError) {
            if let failure { throw DurableFileError(path: path, reason: failure.reason) }
            try AtomicFile.publish(temporaryPath, at: path)
        } catch {
            POSIXCalls.unlinkIfPresent(temporaryPath)
            throw error
        }
    }
}
