#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The writer lock of one published model: `flock` on `DIR/NAME/.lock`, so two publishers (the nightly job and
/// a person) never interleave their pointer moves. Released when `body` returns or the process dies (the
/// kernel drops `flock` with the descriptor, so a killed publisher leaves no stale lock). Readers never lock.
enum PublicationLock {
    /// Runs `body` holding the lock of `folder`, waiting up to `timeout` seconds.
    /// - Throws: `PublishingError.unavailable` after the timeout, `.cannotWrite` when the lock file cannot be
    ///   opened, or what `body` throws.
    static func holding<R>(
        _ folder: String, timeout: Double, _ body: () throws(PublishingError) -> R
    ) throws(PublishingError) -> R {
        let path = folder + "/.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotWrite("Cannot open the publication lock \(path): \(String(cString: strerror(errno))).")
        }
        defer { close(descriptor) }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw .cannotWrite("Cannot lock \(path): \(String(cString: strerror(errno))).")
            }
            guard Date() < deadline else {
                throw .unavailable("Another publisher holds \(path); gave up after \(timeout) s. Retry later.")
            }
            usleep(50_000)
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
