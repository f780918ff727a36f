#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that appears at its path complete or not at all.
///
/// Bytes go to a temporary file in the destination's directory (so the final
/// rename stays on one file system); `commit()` flushes it to disk, renames it
/// over the destination and flushes the directory entry, so a crash leaves
/// either the old file or the whole new one. Dropping an uncommitted file
/// removes the temporary. The only home of `open`, `write`, `fsync` and
/// `rename` for outputs in this module.
final class AtomicOutputFile {
    /// The destination as the user gave it, for messages.
    let path: String
    private let temporaryPath: String
    private var descriptor: Int32

    /// Creates the temporary file next to `path`.
    /// - Throws: `DatasetError.cannotWrite` with the system's reason (missing directory, permissions).
    init(path: String) throws(DatasetError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var attempt = 0
        var candidate: String
        var descriptor: Int32
        repeat {
            candidate = "\(directory).\(name).\(getpid())-\(attempt).tmp"
            descriptor = Self.retrying { open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666) }
            attempt += 1
        } while descriptor < 0 && errno == EEXIST && attempt < 100
        guard descriptor >= 0 else {
            throw .cannotWrite(path: path, reason: Self.reason(errno))
        }
        temporaryPath = candidate
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends `bytes`, retrying short writes.
    /// - Throws: `DatasetError.cannotWrite` (disk full, I/O error).
    func write(_ bytes: [UInt8]) throws(DatasetError) {
        precondition(descriptor >= 0, "write after commit of \(path)")
        let failure: Int32? = bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let count = Self.retrying { posixWrite(descriptor, raw.baseAddress! + offset, raw.count - offset) }
                if count < 0 { return errno }
                offset += count
            }
            return nil
        }
        if let failure {
            throw .cannotWrite(path: path, reason: Self.reason(failure))
        }
    }

    /// Flushes the bytes to disk, renames the temporary over `path` and flushes the directory.
    /// - Throws: `DatasetError.cannotWrite`; the temporary is removed and `path` left as it was.
    func commit() throws(DatasetError) {
        precondition(descriptor >= 0, "commit twice of \(path)")
        let synced = Self.retrying { fsync(descriptor) } == 0 ? nil : errno
        let closed = close(descriptor) == 0 ? nil : errno
        descriptor = -1
        if let failure = synced ?? closed {
            unlink(temporaryPath)
            throw .cannotWrite(path: path, reason: Self.reason(failure))
        }
        guard rename(temporaryPath, path) == 0 else {
            let failure = errno
            unlink(temporaryPath)
            throw .cannotWrite(path: path, reason: Self.reason(failure))
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let directoryDescriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else {
            throw .cannotWrite(path: path, reason: "written, but its directory could not be opened to flush it: \(Self.reason(errno))")
        }
        defer { close(directoryDescriptor) }
        guard Self.retrying({ fsync(directoryDescriptor) }) == 0 else {
            throw .cannotWrite(path: path, reason: "written, but its directory could not be flushed: \(Self.reason(errno))")
        }
    }

    /// Repeats a system call while it fails with EINTR.
    private static func retrying<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }

    /// The system's text for `code`, e.g. "No such file or directory".
    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// `write(2)`, named apart from `AtomicOutputFile.write(_:)`.
private func posixWrite(_ descriptor: Int32, _ address: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, address, count)
}
