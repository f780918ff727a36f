import Synchronization

/// A request to stop between steps (SIGTERM): the current step finishes or rolls back, no new one starts.
public final class Cancellation: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    /// Asks the runner to stop at the next step boundary.
    public func cancel() {
        requested.store(true, ordering: .relaxed)
    }

    /// True once `cancel()` was called.
    public var isCancelled: Bool {
        requested.load(ordering: .relaxed)
    }
}
