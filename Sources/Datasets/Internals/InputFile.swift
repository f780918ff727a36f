#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened read-only, read sequentially in caller-sized pieces.
///
/// Owns its descriptor and closes it in `deinit`; being `~Copyable`, it cannot
/// be closed twice. The only home of `open`, `read`, `fstat` and `close` in
/// this module, so every failure becomes one `DatasetError` shape.
struct InputFile: ~Copyable {
    /// The path as the user gave it, for messages.
    let path: String
    private let descriptor: Int32

    /// Opens `path` for reading.
    /// - Throws: `DatasetError.inputMissing` with the system's reason.
    init(path: String) throws(DatasetError) {
        let descriptor = retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            throw .inputMissing(path: path, reason: systemErrorText(errno))
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The file size in bytes, or nil when the system cannot tell (pipes).
    var size: Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// Fills `buffer` as far as the file allows; returns the bytes read, 0 only at end of file.
    /// - Throws: `DatasetError.inputMissing` when the system read fails (e.g. a directory).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int {
        var total = 0
        while total < buffer.count {
            let count = retryingOnInterrupt {
                systemRead(descriptor, buffer.baseAddress! + total, buffer.count - total)
            }
            guard count >= 0 else {
                throw .inputMissing(path: path, reason: systemErrorText(errno))
            }
            if count == 0 { break }
            total += count
        }
        return total
    }
}

/// `read(2)`, named apart from `InputFile.read(into:)`.
private func systemRead(_ descriptor: Int32, _ address: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, address, count)
}

/// Repeats a system call while it fails with EINTR.
func retryingOnInterrupt<T: BinaryInteger>(_ call: () -> T) -> T {
    while true {
        let result = call()
        if result >= 0 || errno != EINTR { return result }
    }
}

/// The system's text for `code`, e.g. "No such file or directory".
func systemErrorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
