import Foundation

/// Publishes files so that readers see the old content or the new, never a part.
///
/// The content is written to a hidden temporary file in the destination's
/// directory, fsynced, renamed over the destination (atomic on POSIX file
/// systems) and the directory is fsynced so the rename survives a crash.
/// If anything fails, the temporary file is removed and the destination is
/// untouched.
public enum AtomicFile {
    /// Lets `body` write the file at the temporary path it receives, then publishes it at `destination`.
    ///
    /// `body` must close what it opened before returning (HDF5 files: `close()`).
    /// - Parameter pauseBeforeRename: test hook (env `WORKBENCH_TEST_PAUSE_BEFORE_RENAME`, seconds)
    ///   so crash tests can kill the writer at the worst moment.
    /// - Throws: what `body` throws, or `AtomicFileError` naming the destination.
    public static func write(to destination: String, _ body: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: destination)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        do {
            try body(temporary)
            try fsync(path: temporary, destination: destination)
            if let pause = ProcessInfo.processInfo.environment["WORKBENCH_TEST_PAUSE_BEFORE_RENAME"],
               let seconds = Double(pause) {
                Thread.sleep(forTimeInterval: seconds)
            }
            guard rename(temporary, destination) == 0 else {
                throw AtomicFileError(path: destination, reason: String(cString: strerror(errno)))
            }
            try fsync(path: directory, destination: destination)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Publishes `bytes` at `destination`.
    /// - Throws: `AtomicFileError` naming the destination.
    public static func write(bytes: some Collection<UInt8>, to destination: String) throws {
        try write(to: destination) { temporary in
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard descriptor >= 0 else {
                throw AtomicFileError(path: destination, reason: String(cString: strerror(errno)))
            }
            defer { close(descriptor) }
            var remaining = Array(bytes)[...]
            while !remaining.isEmpty {
                let written = remaining.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    throw AtomicFileError(path: destination, reason: String(cString: strerror(errno)))
                }
                remaining = remaining.dropFirst(written)
            }
        }
    }

    private static func fsync(path: String, destination: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw AtomicFileError(path: destination, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        guard Foundation.fsync(descriptor) == 0 else {
            throw AtomicFileError(path: destination, reason: "fsync failed: " + String(cString: strerror(errno)))
        }
    }
}

/// Publishing a file failed; the destination was left as it was.
public struct AtomicFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The destination path.
    public let path: String
    /// The operating system's reason.
    public let reason: String

    public var description: String { "\(path): cannot write: \(reason)" }
}
