#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every system call this module makes, once: EINTR is retried and failures carry `errno`'s text.
enum POSIXCalls {
    /// The system's text for `code`, e.g. "No space left on device".
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Repeats a system call while it fails with EINTR.
    static func retrying<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }

    /// Creates `path` exclusively for writing (O_EXCL, O_CLOEXEC); returns the descriptor or errno.
    static func createExclusive(_ path: String, mode: mode_t = 0o644) -> Result<Int32, Errno> {
        let descriptor = retrying { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
        return descriptor >= 0 ? .success(descriptor) : .failure(Errno(errno))
    }

    /// Writes all of `bytes`, retrying short writes.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Errno? {
        var offset = 0
        while offset < bytes.count {
            let count = retrying { write(descriptor, bytes.baseAddress! + offset, bytes.count - offset) }
            if count < 0 { return Errno(errno) }
            offset += count
        }
        return nil
    }

    /// Flushes the file or directory at `path` to disk.
    static func sync(path: String) -> Errno? {
        let descriptor = retrying { open(path, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { return Errno(errno) }
        defer { _ = close(descriptor) }
        return sync(descriptor: descriptor)
    }

    /// Flushes `descriptor` to disk.
    static func sync(descriptor: Int32) -> Errno? {
        retrying { fsync(descriptor) } == 0 ? nil : Errno(errno)
    }

    /// Closes `descriptor`.
    static func close(_ descriptor: Int32) -> Errno? {
        #if canImport(Glibc)
        Glibc.close(descriptor) == 0 ? nil : Errno(errno)
        #elseif canImport(Musl)
        Musl.close(descriptor) == 0 ? nil : Errno(errno)
        #else
        Darwin.close(descriptor) == 0 ? nil : Errno(errno)
        #endif
    }

    /// Renames `source` over `destination` (atomic on POSIX file systems).
    static func rename(_ source: String, _ destination: String) -> Errno? {
        #if canImport(Glibc)
        Glibc.rename(source, destination) == 0 ? nil : Errno(errno)
        #elseif canImport(Musl)
        Musl.rename(source, destination) == 0 ? nil : Errno(errno)
        #else
        Darwin.rename(source, destination) == 0 ? nil : Errno(errno)
        #endif
    }

    /// Removes the file at `path`; a missing file is not an error.
    @discardableResult
    static func unlinkIfPresent(_ path: String) -> Errno? {
        unlink(path) == 0 || errno == ENOENT ? nil : Errno(errno)
    }

    /// True when a process with `pid` exists (it may belong to another user).
    static func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

/// An `errno` value with its text.
struct Errno: Error, Equatable {
    let code: Int32
    init(_ code: Int32) { self.code = code }
    var reason: String { POSIXCalls.reason(code) }
}
