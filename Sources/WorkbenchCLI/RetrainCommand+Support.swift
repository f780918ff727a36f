import ArgumentParser
import DurableFiles
import Foundation
import NumericCore
import Synchronization

/// The retrain command's log lines on stderr: silent in text mode (the summary says it all), one JSON object
/// per line in json mode, for log collectors.
struct RetrainLog: Sendable {
    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    let format: Format

    /// Writes event `name` with `fields` as one JSON line (json mode only).
    func event(_ name: String, _ fields: [String: String]) {
        guard format == .json else { return }
        var object = fields
        object["event"] = name
        object["time"] = UTCCalendar.iso8601(Date().timeIntervalSince1970)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object) else { return }
        writeStandardError(String(decoding: data, as: UTF8.self) + "\n")
    }
}

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
