/// libpq's verbose connection error split into the SQLSTATEs and the text a user reads.
///
/// Verbose reports read `…failed: FATAL:  3D000: database "x" does not exist`
/// followed by `LOCATION:  InitPostgres, postinit.c:948` (joined into one line by
/// `LibPQ.oneLine`); a multi-host attempt has one report per host. The text keeps
/// everything but the SQLSTATE prefixes (listed once at the end instead) and the
/// server's source locations, which mean nothing to a user.
struct ServerReport {
    /// The message without SQLSTATE prefixes and source locations, ending with `(SQLSTATE …)` when there were any.
    let message: String
    /// The SQLSTATEs in the order the server sent them; empty when no server answered.
    let sqlStates: [String]

    init(_ verbose: String) {
        // A severity (translated, so any word) then two spaces, the code, a colon.
        let states = verbose.matches(of: #/:  ([0-9A-Z]{5}): /#).map { String($0.output.1) }
        // The label is translated, the shape `function, file.c:line` is not.
        var text = verbose.replacing(#/\s*[^\s:]+:  [A-Za-z_][A-Za-z0-9_]*, [A-Za-z0-9_.\/-]+\.c:[0-9]+/#, with: "")
        text = text.replacing(#/:  [0-9A-Z]{5}: /#, with: ":  ")
        message = states.isEmpty ? text : "\(text) (SQLSTATE \(states.joined(separator: ", ")))"
        sqlStates = states
    }
}
