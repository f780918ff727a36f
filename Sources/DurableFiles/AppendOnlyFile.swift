#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends whole lines to logs such as `audit.jsonl` and `history.jsonl`.
public enum AppendOnlyFile {
    /// Appends `line` and a newline to `path` (created if needed) with one `write`, then fsyncs it.
    ///
    /// `O_APPEND` makes each line land whole at the end even if another writer appends too; a crash
    /// can at worst leave a torn last line, which readers skip.
    /// - Throws: `DurableFileError` naming `path`.
    public static func appendLine(_ line: String, to path: String) throws(DurableFileError) {
        let isNew = access(path, F_OK) != 0
        let descriptor = POSIXCalls.retrying { open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644) }
        guard descriptor >= 0 else { throw DurableFileError(path: path, reason: POSIXCalls.reason(errno)) }
        defer { _ = POSIXCalls.close(descriptor) }
        let bytes = Array((line + "\n").utf8)
        let failure = bytes.withUnsafeBytes { POSIXCalls.writeAll(descriptor, $0) } ?? POSIXCalls.sync(descriptor: descriptor)
        if let failure { throw DurableFileError(path: path, reason: failure.reason) }
        if isNew { try DirectorySync.sync(TemporaryName.directory(of: path), for: path) }
    }
}
