import Foundation
import Synchronization

/// One progress line on standard error that redraws in place: shown only in text mode when
/// standard error is a terminal, so logs and pipes stay quiet. In JSON mode a counted step
/// (`show(done:of:unit:)`) logs a start line and, at `finish()`, an end line with its counts instead.
///
/// Safe to call from worker threads; redraws at most ten times a second.
final class TerminalProgress: Sendable {
    /// What the line starts with, e.g. `train`.
    let label: String
    /// False in JSON mode or when standard error is not a terminal: nothing is drawn.
    let isVisible: Bool
    /// True in JSON mode: counted steps log their start and end.
    let logsCounts: Bool
    private let start = Date()
    private let lastDraw = Mutex<Date?>(nil)
    private let counts = Mutex<(done: Int, total: Int, unit: String)?>(nil)

    init(label: String, isVisible: Bool = Log.showsProgress, logsCounts: Bool = Log.format == .json) {
        self.label = label
        self.isVisible = isVisible
        self.logsCounts = logsCounts
    }

    /// Shows `text` after the label.
    func show(_ text: String) {
        guard isVisible, shouldDraw() else { return }
        redrawProgressLine("\(label): \(text)")
    }

    /// Shows `done` of `total` units with the elapsed time and an estimate of the time left.
    func show(done: Int, of total: Int, unit: String) {
        if logsCounts { record(done: done, total: total, unit: unit) }
        guard isVisible, total > 0, done == total || shouldDraw() else { return }
        let elapsed = Date().timeIntervalSince(start)
        redrawProgressLine("\(label): " + Self.describe(done: done, of: total, unit: unit, elapsed: elapsed))
    }

    /// `37/100 trees, 3.2 s elapsed, ETA 5.4 s`: the estimate assumes the
    /// remaining units take as long as the finished ones did on average.
    static func describe(done: Int, of total: Int, unit: String, elapsed: Double) -> String {
        var text = "\(done)/\(total) \(unit), \(seconds(elapsed)) elapsed"
        if done > 0 && done < total {
            text += ", ETA \(seconds(elapsed / Double(done) * Double(total - done)))"
        }
        return text
    }

    /// Clears the line (call once the work is done, before printing results); in JSON mode logs the
    /// counted step's end (`done`, `total`, `unit`, `elapsed_s`).
    func finish() {
        if isVisible { redrawProgressLine("") }
        guard logsCounts, let last = counts.withLock({ counts in defer { counts = nil }; return counts }) else { return }
        Log.info("\(label): \(last.done)/\(last.total) \(last.unit) done", [
            "done": .int(last.done), "total": .int(last.total), "unit": .string(last.unit),
            "elapsed_s": .double(Log.rounded(Date().timeIntervalSince(start))),
        ])
    }

    /// Keeps the latest counts; the first call of a step logs its start.
    private func record(done: Int, total: Int, unit: String) {
        let isFirst = counts.withLock { counts in
            defer { counts = (max(done, counts?.done ?? 0), total, unit) }
            return counts == nil
        }
        if isFirst { Log.info("\(label): \(total) \(unit) started", ["total": .int(total), "unit": .string(unit)]) }
    }

    private func shouldDraw() -> Bool {
        lastDraw.withLock { last in
            let now = Date()
            if let previous = last, now.timeIntervalSince(previous) < 0.1 { return false }
            last = now
            return true
        }
    }

    private static func seconds(_ value: Double) -> String {
        String(format: "%.1f s", value)
    }
}

/// Redraws one progress line on standard error: carriage return, clear to end of line, text.
private func redrawProgressLine(_ text: String) {
    let line = "\r\u{1B}[K" + text
    line.utf8CString.withUnsafeBufferPointer { buffer in
        _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count - 1)
    }
}
