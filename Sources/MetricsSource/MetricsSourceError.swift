/// Errors raised while talking to PostgreSQL or shaping pulled metrics.
///
/// Messages carry the SQLSTATE and the query's name; they never carry
/// connection strings or passwords, and server messages pass through the
/// connection's redaction before they land here.
public enum MetricsSourceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server could not be reached or went away; retrying later may succeed.
    case unavailable(String)
    /// Credentials or connection settings are wrong, or the database they name does
    /// not exist (SQLSTATE 3D000, said in so many words); retrying will not help.
    /// `workbench` exits 78 (EX_CONFIG): the fix is in the DSN, not in an input file.
    case configuration(String)
    /// A query failed; `sqlState` is the five-character SQLSTATE.
    case queryFailed(query: String, sqlState: String, message: String)
    /// The request is valid but selects nothing, or names unknown metrics.
    case noData(String)
    /// The request itself is wrong (window, bucket, aggregate, identifier); fix the arguments.
    case invalidRequest(String)
    /// The pulled data could not be written to `path`.
    case cannotWrite(path: String, reason: String)
    /// A stored value cannot be used (an infinite aggregate); fix the data in the database.
    case invalidValue(String)
    /// The server answered in a shape Workbench does not expect (a bug or a protocol mismatch).
    case malformedResponse(query: String, message: String)

    public var description: String {
        switch self {
        case .unavailable(let message), .configuration(let message), .noData(let message),
             .invalidRequest(let message), .invalidValue(let message):
            message
        case .queryFailed(let query, let sqlState, let message):
            "query '\(query)' failed (SQLSTATE \(sqlState)): \(message)"
        case .cannotWrite(let path, let reason):
            "\(path): cannot write: \(reason)"
        case .malformedResponse(let query, let message):
            "query '\(query)' returned data Workbench cannot read: \(message)"
        }
    }

    /// True when the same operation may succeed if tried again later: the server
    /// was unreachable or went away, or a query hit a transient SQLSTATE
    /// (08xxx connection exceptions, 57P01–57P03 shutdown and startup,
    /// 40001 serialization failure, 40P01 deadlock).
    public var isTransient: Bool {
        switch self {
        case .unavailable: true
        case .queryFailed(_, let sqlState, _): SQLState.isTransient(sqlState)
        default: false
        }
    }
}
