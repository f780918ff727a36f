import ArgumentParser
import Dispatch
import Foundation
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
        object["time"] = ISO8601DateFormatter().string(from: Date())
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

/// SIGTERM handling for the job: the signal no longer kills the process; `handler` asks the runner to stop
/// after the current step, and the command exits 143 once the step finished or rolled back.
final class RetrainSignals {
    private let source: any DispatchSourceSignal

    private init(source: any DispatchSourceSignal) {
        self.source = source
    }

    static func onTerminate(_ handler: @escaping @Sendable () -> Void) -> RetrainSignals {
        signal(SIGTERM, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
        return RetrainSignals(source: source)
    }

    deinit {
        source.cancel()
        signal(SIGTERM, SIG_DFL)
    }
}
