/// Errors raised while publishing, rolling back or checking model bundles.
///
/// Messages are sentences naming the path, model or level at fault; they never contain a DSN or password.
public enum PublishingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request cannot be met as asked: an unknown threshold level, a bundle that exists with other content.
    case invalidRequest(String)
    /// The model, bundle, pointer or publication does not exist.
    case notFound(String)
    /// A bundle, pointer or registry file fails its checks.
    case corrupted(String)
    /// Writing failed; what was published before is unchanged.
    case cannotWrite(String)
    /// The database is unreachable or busy; retrying later may succeed.
    case unavailable(String)
    /// The destination is misconfigured (bad DSN, missing tables, empty environment variable).
    case configuration(String)

    public var description: String {
        switch self {
        case .invalidRequest(let message), .notFound(let message), .corrupted(let message),
             .cannotWrite(let message), .unavailable(let message), .configuration(let message):
            message
        }
    }
}
