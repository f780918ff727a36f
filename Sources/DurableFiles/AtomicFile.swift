/// Publishes files so that readers see the old content or the new, never a part.
///
/// Goals, in order: the destination is never half-written → nothing is left behind on failure → one
/// code path for every format. The content is written to `TemporaryName.beside(destination)`, fsynced,
/// renamed over the destination and the directory is fsynced so the rename survives a crash.
public enum AtomicFile {
    /// Lets `body` write the file at the temporary path it receives, then publishes it at `destination`.
    ///
    /// For writers that can only write to a path (a library that opens the file itself); `body` must
    /// close what it opened before returning. Stale temporaries of dead writers in the same directory
    /// are removed first. (HDF5Kit does not need this: it builds files in memory and uses `write(bytes:to:)`.)
    /// - Throws: what `body` throws, or `DurableFileError` naming `destination`.
    public static func write(to destination: String, _ body: (String) throws -> Void) throws {
        StaleTemporaries.sweep(TemporaryName.directory(of: destination))
        let temporary = TemporaryName.beside(destination)
        OwnedTemporaries.register(temporary)
        defer { OwnedTemporaries.unregister(temporary) }
        do {
            try body(temporary)
            if let failure = POSIXCalls.sync(path: temporary) {
                throw DurableFileError(path: destination, reason: failure.reason)
            }
            try publish(temporary, at: destination)
        } catch {
            POSIXCalls.unlinkIfPresent(temporary)
            throw error
        }
    }

    /// Publishes `bytes` at `destination`.
    /// - Throws: `DurableFileError` naming `destination`.
    public static func write(bytes: some Collection<UInt8>, to destination: String) throws(DurableFileError) {
        let writer = try AtomicWriter(path: destination)
        try writer.write(Array(bytes))
        try writer.commit()
    }

    /// Renames `temporary` over `destination` and fsyncs the directory.
    ///
    /// Test hook: env `WORKBENCH_TEST_PAUSE_BEFORE_RENAME` (seconds) pauses here, with the complete
    /// temporary on disk, so process tests can kill or signal a writer at the worst moment.
    static func publish(_ temporary: String, at destination: String) throws(DurableFileError) {
        TestPause.beforeRename()
        if let failure = POSIXCalls.rename(temporary, destination) {
            throw DurableFileError(path: destination, reason: failure.reason)
        }
        try DirectorySync.sync(TemporaryName.directory(of: destination), for: destination)
    }
}
