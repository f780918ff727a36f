import Foundation

/// Crash-test hook: `WORKBENCH_TEST_PUBLISH_PAUSE=STEP:SECONDS` sleeps at `STEP` so a test can `kill -9` the
/// publisher there. Steps: `bundle-rename` (bundle staged, not yet renamed), `pointer` (bundle in place,
/// pointer untouched), `pointer-rename` (new `current.json` written to its temporary, not yet renamed).
enum TestPause {
    /// Sleeps when the environment asks for a pause at `step`.
    static func at(_ step: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let value = environment["WORKBENCH_TEST_PUBLISH_PAUSE"] else { return }
        let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == step, let seconds = Double(parts[1]) else { return }
        Thread.sleep(forTimeInterval: seconds)
    }
}
