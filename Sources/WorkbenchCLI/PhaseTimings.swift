import Foundation

/// Wall-clock seconds spent in each phase of a command, for benchmarks: logged on
/// standard error as one line (`timings predict: load 0.012 s, read 0.301 s, …`) when the
/// environment sets `WORKBENCH_TIMINGS=1`, silent otherwise.
struct PhaseTimings {
    /// Whether the environment asks for the timings line.
    static var requested: Bool { ProcessInfo.processInfo.environment["WORKBENCH_TIMINGS"] == "1" }

    private var phases: [(name: String, seconds: Double)] = []
    private let clock = ContinuousClock()

    /// Runs `body`, adding its duration to phase `name`.
    mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = clock.now
        defer { record(name, seconds: Self.seconds(clock.now - start)) }
        return try body()
    }

    /// Adds `seconds` to phase `name` (a phase measured elsewhere), keeping first-seen order.
    mutating func record(_ name: String, seconds: Double) {
        if let index = phases.firstIndex(where: { $0.name == name }) {
            phases[index].seconds += seconds
        } else {
            phases.append((name, seconds))
        }
    }

    /// Moves `seconds` out of phase `from` into phase `to` (a part measured inside a larger phase).
    mutating func split(_ seconds: Double, from: String, to: String) {
        record(from, seconds: -seconds)
        record(to, seconds: seconds)
    }

    /// Renames phase `name` (a phase measured before its parts were known), keeping its place.
    mutating func rename(_ name: String, to newName: String) {
        if let index = phases.firstIndex(where: { $0.name == name }) { phases[index].name = newName }
    }

    /// Logs the line for `command` when requested; in JSON each phase is also a field (`load_s`).
    func report(_ command: String) {
        guard Self.requested else { return }
        let parts = phases.map { "\($0.name) \(String(format: "%.3f", $0.seconds)) s" }
        var fields: [String: LogValue] = [:]
        for phase in phases { fields[phase.name + "_s"] = .double(Log.rounded(phase.seconds)) }
        Log.info("timings \(command): \(parts.joined(separator: ", "))", fields)
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
