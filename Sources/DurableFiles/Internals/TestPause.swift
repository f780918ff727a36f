import Foundation

/// The pause before a rename that process tests use to kill or signal a writer mid-write.
enum TestPause {
    /// Seconds from env `WORKBENCH_TEST_PAUSE_BEFORE_RENAME`, read once; nil (no pause) when unset.
    private static let seconds: Double? = ProcessInfo.processInfo.environment["WORKBENCH_TEST_PAUSE_BEFORE_RENAME"]
        .flatMap(Double.init).flatMap { $0 > 0 && $0.isFinite ? $0 : nil }

    /// Sleeps for the configured time, if any.
    static func beforeRename() {
        if let seconds { Thread.sleep(forTimeInterval: seconds) }
    }
}
