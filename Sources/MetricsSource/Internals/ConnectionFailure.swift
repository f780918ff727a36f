/// Turns a failed connection attempt into a retryable or a configuration error.
///
/// The decision uses what libpq exposes, language independent where possible:
/// the SQLSTATEs the server sent (libpq reports them only in its verbose message,
/// see `LibPQ.connect`), whether the server asked for a password
/// (`PQconnectionUsedPassword`/`PQconnectionNeedsPassword`) and, for network-level
/// failures that never reached a server, libpq's own message.
enum ConnectionFailure {
    /// Message fragments of failures that may pass: refused, reset or timed-out
    /// connections, a server starting up or shutting down, no free slot.
    static let transientMarkers = [
        "Connection refused", "Connection reset", "timeout expired", "Connection timed out",
        "server closed the connection unexpectedly", "could not receive data from server",
        "could not send data to server", "No such file or directory",
        "the database system is starting up", "the database system is shutting down",
        "the database system is in recovery mode", "the database system is not yet accepting connections",
        "the database system is not accepting connections", "too many clients already",
        "remaining connection slots are reserved", "Temporary failure in name resolution",
        "Network is unreachable", "No route to host", "terminating connection due to administrator command",
    ]

    /// - Parameter message: libpq's (verbose, already redacted) connection error message.
    static func classify(message: String, usedPassword: Bool, needsPassword: Bool, target: String) -> MetricsSourceError {
        let report = ServerReport(message)
        let text = report.message
        if report.sqlStates.contains(where: SQLState.isTransientAtConnect)
            || transientMarkers.contains(where: { text.contains($0) })
        {
            return .unavailable("Cannot reach PostgreSQL (\(target)): \(text)")
        }
        if report.sqlStates.contains(SQLState.undefinedDatabase) {
            return .configuration(
                "PostgreSQL (\(target)) has no such database: \(text). Check the database name (dbname in the DSN, or PGDATABASE); the database must exist before `workbench db init` creates tables in it.")
        }
        if needsPassword {
            return .configuration(
                "PostgreSQL (\(target)) asks for a password and none was given: set it in the DSN, PGPASSWORD or ~/.pgpass. \(text)")
        }
        if usedPassword || report.sqlStates.contains(where: { $0.hasPrefix("28") }) {
            return .configuration(
                "PostgreSQL (\(target)) rejected the credentials: \(text). Check the user and password (DSN, PGPASSWORD or ~/.pgpass).")
        }
        return .configuration("Cannot connect to PostgreSQL (\(target)): \(text)")
    }

    /// libpq's parse errors quote pieces of the connection string. An option name
    /// (`invalid connection option "foo"`) helps and is kept; any other quoted
    /// piece may hold a password, so it becomes `"…"`. Secrets the settings know
    /// are redacted afterwards as well.
    static func keepingOnlyQuotedNames(_ message: String) -> String {
        var result = ""
        var quoted: String?
        for character in message {
            if character == "\"" {
                if let piece = quoted {
                    result += "\"" + (isOptionName(piece) ? piece : "…") + "\""
                    quoted = nil
                } else {
                    quoted = ""
                }
            } else if quoted != nil {
                quoted!.append(character)
            } else {
                result.append(character)
            }
        }
        if quoted != nil { result += "\"…" }
        return result
    }

    /// A libpq option name: ASCII letters, digits and underscores, not starting with a digit.
    private static func isOptionName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0" ... "9").contains(first), text.count <= 64 else { return false }
        return text.unicodeScalars.allSatisfy { ("a" ... "z").contains($0) || ("A" ... "Z").contains($0) || ("0" ... "9").contains($0) || $0 == "_" }
    }
}
