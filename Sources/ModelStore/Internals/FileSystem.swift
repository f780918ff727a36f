import Foundation
import NumericCore

/// The POSIX file operations the registry needs, each turning failure into a `ModelStoreError`.
enum FileSystem {
    /// The canonical absolute path of an existing `path` (symlinks resolved); nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True when `path` exists as a symbolic link (not followed).
    static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    /// True when `path` exists (following links).
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Checks that `path` is a regular file this process can open for reading, so that only a
    /// missing or unreadable input is `.notFound` and everything after it is about the content.
    /// - Throws: `ModelStoreError.notFound` naming `what`, the path and the system's reason.
    static func checkReadableFile(_ path: String, what: String) throws(ModelStoreError) {
        var descriptor: Int32
        repeat { descriptor = open(path, O_RDONLY | O_CLOEXEC) } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else {
            let reason = errno == ENOENT ? "does not exist" : "cannot be opened: \(String(cString: strerror(errno)))"
            throw .notFound("\(what) \(path) \(reason).")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw .notFound("\(what) \(path) is not a regular file.")
        }
    }

    /// Creates `path` and missing parents.
    static func createDirectory(_ path: String) throws(ModelStoreError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            let reason = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)
                .map { String(cString: strerror(Int32($0.code))) } ?? "\(error.localizedDescription)"
            throw .cannotWrite("Cannot create registry folder \(path): \(reason).")
        }
    }

    /// The names in directory `path` (empty when it does not exist).
    static func contents(of path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }

    /// The whole content of `path`; nil when it does not exist.
    static func read(_ path: String) throws(ModelStoreError) -> Data? {
        guard exists(path) else { return nil }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .notFound("Cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// SHA-256 (lowercase hex) and size of the file at `path`, read in 1 MiB blocks.
    static func sha256(ofFile path: String) throws(ModelStoreError) -> (hex: String, bytes: Int) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .notFound("Cannot open \(path): \(String(cString: strerror(errno))).")
        }
        defer { close(descriptor) }
        var hasher = Digest.Hasher()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw .corrupted("Cannot read \(path): \(String(cString: strerror(errno))).")
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0 ..< count])) }
            total += count
        }
        return (hasher.finalizeHex(), total)
    }

    /// Removes the file at `path`; a missing file is not an error.
    static func remove(_ path: String) throws(ModelStoreError) {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw .cannotWrite("Cannot remove \(path): \(String(cString: strerror(errno))).")
        }
    }
}
