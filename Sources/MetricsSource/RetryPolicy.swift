#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Retries with exponential backoff and jitter, for transient failures only.
///
/// Transient means `MetricsSourceError.isTransient`: the server refused or
/// dropped the connection, shut down or was starting up, or a transaction lost
/// a serialization or deadlock race. Bad SQL, bad credentials and unknown
/// names fail at once, so a wrong password costs one attempt, never a storm.
///
/// The delay before attempt `n + 1` is drawn uniformly from
/// [d/2, d] with d = min(`maxDelay`, `initialDelay` × `multiplier`^(n−1))
/// ("equal jitter"): clients that failed together do not come back together,
/// and no delay is shorter than half the schedule.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included; 1 disables retrying. Default 6: with
    /// the default delays the last attempt starts 4–8 s after the first failure,
    /// which covers a fast server restart.
    public var maxAttempts: Int
    /// Delay before the second attempt, in seconds (before jitter). Default 0.25 s.
    public var initialDelay: Double
    /// Growth of the delay per attempt. Default 2 (doubling).
    public var multiplier: Double
    /// Ceiling of one delay, in seconds (before jitter). Default 8 s.
    public var maxDelay: Double

    /// A policy with the documented defaults.
    public init(maxAttempts: Int = 6, initialDelay: Double = 0.25, multiplier: Double = 2, maxDelay: Double = 8) {
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
    }

    /// A policy that never retries.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The delay bounds (seconds) before attempt `attempt + 1`, before jitter picks within them.
    public func delayBounds(after attempt: Int) -> ClosedRange<Double> {
        let exponent = Double(max(0, attempt - 1))
        let delay = min(maxDelay, initialDelay * pow(multiplier, exponent))
        return (delay / 2) ... delay
    }

    /// Runs `body` until it succeeds, fails with a non-transient error, or
    /// `maxAttempts` attempts have failed.
    ///
    /// - Parameters:
    ///   - body: the operation; receives the attempt number (1-based). It must
    ///     start from scratch each time (a fresh connection, empty buffers).
    ///   - onRetry: told about every retry before the pause, e.g. to log it.
    /// - Throws: the first non-transient error as is; after the last attempt, a
    ///   transient error becomes `MetricsSourceError.unavailable` stating how
    ///   many attempts were made.
    public func run<T>(
        onRetry: (RetryEvent) -> Void = { _ in },
        _ body: (Int) throws(MetricsSourceError) -> T
    ) throws(MetricsSourceError) -> T {
        let attempts = max(1, maxAttempts)
        var attempt = 1
        while true {
            do {
                return try body(attempt)
            } catch where error.isTransient && attempt < attempts {
                let delay = Double.random(in: delayBounds(after: attempt))
                onRetry(RetryEvent(attempt: attempt, maxAttempts: attempts, delaySeconds: delay, error: error))
                sleep(seconds: delay)
                attempt += 1
            } catch where error.isTransient && attempts > 1 {
                throw .unavailable("\(error) (gave up after \(attempts) attempts)")
            } catch where error.isTransient {
                throw .unavailable(error.description)
            }
        }
    }

    private func sleep(seconds: Double) {
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR {
            request = remaining
        }
    }
}

/// One retry about to happen: which attempt failed, why, and how long the pause is.
public struct RetryEvent: Sendable, CustomStringConvertible {
    /// The attempt that failed (1-based).
    public let attempt: Int
    /// Attempts allowed in all.
    public let maxAttempts: Int
    /// The pause before the next attempt, in seconds.
    public let delaySeconds: Double
    /// Why the attempt failed (already redacted).
    public let error: MetricsSourceError

    public var description: String {
        let delay = (delaySeconds * 100).rounded() / 100
        return "attempt \(attempt)/\(maxAttempts) failed: \(error); retrying in \(delay) s"
    }
}
