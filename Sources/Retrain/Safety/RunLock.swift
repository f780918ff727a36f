import Foundation
import NumericCore

/// The single-flight lock of a retraining job: `flock` on `<registry>/.retrain.lock`.
///
/// The kernel releases the lock when the holder exits or dies (`kill -9` too), so a stale lock never
/// blocks the next night. The file holds the holder's PID, host and start time for the message a
/// second run prints.
public final class RunLock {
    private let descriptor: Int32

    /// Takes the lock at `path` without waiting.
    /// - Throws: `RetrainError.busy` naming the holder, or `.invalidRequest` when the file cannot be opened.
    public init(path: String) throws(RetrainError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .invalidRequest("Cannot open the job lock \(path): \(String(cString: strerror(errno))).")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.read(descriptor)
            close(descriptor)
            throw .busy(holder: holder.isEmpty ? "unknown holder of \(path)" : holder)
        }
        self.descriptor = descriptor
        let host = ProcessInfo.processInfo.hostName
        let started = UTCCalendar.iso8601(Date().timeIntervalSince1970)
        let line = Array("pid \(getpid()) on \(host) since \(started)".utf8)
        _ = ftruncate(descriptor, 0)
        _ = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func read(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? String(decoding: buffer[0 ..< count], as: UTF8.self) : ""
    }
}
