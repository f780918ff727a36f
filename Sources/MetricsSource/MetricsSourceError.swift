/// Errors raised while talking to PostgreSQL or shaping pulled metrics.
///
/// Messages carry the SQLSTATE and the query's name; they never carry
/// parameter values, connection strings or passwords.
public enum MetricsSourceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server could not be reached or went away; retrying later may succeed.
    case unavailable(String)
    /// Credentials or connection settings are wrong; retrying will not help.
    case configuration(String)
    /// A query failed; `sqlState` is the five-character SQLSTATE.
    case queryFailed(query: String, sqlState: String, message: String)
    /// The request is valid but selects nothing, or names unknown metrics.
    case noData(String)

    public var description: String {
        switch self {
        case .unavailable(let message), .configuration(let message), .noData(let message):
            message
        case .queryFailed(let query, let sqlState, let message):
            "query '\(query)' failed (SQLSTATE \(sqlState)): \(message)"
        }
    }
}
