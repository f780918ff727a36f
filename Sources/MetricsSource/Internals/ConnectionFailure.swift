/// Turns a failed connection attempt into a retryable or a configuration error.
///
/// libpq reports connection failures without an SQLSTATE, so the decision
/// uses what libpq does expose: whether the server asked for a password
/// (`PQconnectionUsedPassword`/`PQconnectionNeedsPassword`, language
/// independent) and, for network-level failures, libpq's own message.
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

    static func classify(message: String, usedPassword: Bool, needsPassword: Bool, target: String) -> MetricsSourceError {
        if transientMarkers.contains(where: { message.contains($0) }) {
            return .unavailable("Cannot reach PostgreSQL (\(target)): \(message)")
        }
        if needsPassword {
            return .configuration(
                "PostgreSQL (\(target)) asks for a password and none was given: set it in the DSN, PGPASSWORD or ~/.pgpass. \(message)")
        }
        if usedPassword {
            return .configuration(
                "PostgreSQL (\(target)) rejected the credentials: \(message). Check the user and password (DSN, PGPASSWORD or ~/.pgpass).")
        }
        return .configuration("Cannot connect to PostgreSQL (\(target)): \(message)")
    }

    /// libpq's parse errors quote pieces of the connection string; those pieces
    /// may hold a password, so they are dropped.
    static func withoutQuotedText(_ message: String) -> String {
        var result = ""
        var inQuotes = false
        for character in message {
            if character == "\"" {
                if !inQuotes { result += "\"…\"" }
                inQuotes.toggle()
            } else if !inQuotes {
                result.append(character)
            }
        }
        return result
    }
}
