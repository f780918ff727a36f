/// Makes directory entries (new files, renames) survive a crash.
public enum DirectorySync {
    /// Fsyncs `directory`; errors name `requestedPath`, the file whose entry it holds.
    /// - Throws: `DurableFileError`.
    public static func sync(_ directory: String, for requestedPath: String) throws(DurableFileError) {
        if let failure = POSIXCalls.sync(path: directory) {
            throw DurableFileError(path: requestedPath, reason: "written, but its directory could not be flushed: \(failure.reason)")
        }
    }
}
