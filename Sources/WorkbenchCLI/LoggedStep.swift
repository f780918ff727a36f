/// The start and end lines of a command's one long step (a pull, a synthesis), for log collectors.
///
/// JSON mode only, like `Log.event`: a start line (`event` `NAME_start`) with what the step is about to do
/// and an end line (`event` `NAME_end`) with its counts and `elapsed_s`. Text mode writes neither: the
/// command's standard output already states the counts and the output path, and its progress line shows
/// on a terminal only, so text logs and pipes stay as quiet as before.
struct LoggedStep {
    /// The step's name, the prefix of its `event` values: `pull`, `synth`.
    let name: String
    private let start = ContinuousClock.now

    /// Logs the start line: `message` with `fields` and `event` = `NAME_start`.
    init(_ name: String, _ message: String, _ fields: [String: LogValue]) {
        self.name = name
        Log.event(message, fields.merging(["event": .string(name + "_start")]) { $1 })
    }

    /// Logs the end line: `message` with `fields`, `event` = `NAME_end` and `elapsed_s` since `init`.
    func end(_ message: String, _ fields: [String: LogValue]) {
        let elapsed = Log.rounded(PhaseTimings.seconds(ContinuousClock.now - start))
        Log.event(message, fields.merging(["event": .string(name + "_end"), "elapsed_s": .double(elapsed)]) { $1 })
    }
}
