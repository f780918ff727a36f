import DurableFiles
import Foundation
import Synchronization

/// The name of the run in progress, shared with the tree-progress callback on worker threads.
final class RetrainProgressLabel: Sendable {
    private let text = Mutex("")

    func set(_ value: String) { text.withLock { $0 = value } }
    func get() -> String { text.withLock { $0 } }
}

/// SIGTERM handling for the job: the first SIGTERM asks the runner to stop after the current step (the
/// command then exits 143); a second one, or SIGINT, exits at once through `TerminationCleanup`, which removes
/// unfinished temporaries (registry and bundles move only by rename, so they stay consistent either way).
final class RetrainSignals {
    private init() {}

    static func onTerminate(_ handler: @escaping @Sendable () -> Void) -> RetrainSignals {
        TerminationCleanup.install()
        TerminationCleanup.onTerminate(handler)
        return RetrainSignals()
    }

    deinit {
        TerminationCleanup.onTerminate(nil)
    }
}
