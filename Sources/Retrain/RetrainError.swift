import SpecDocuments

/// Why the retraining job, as a whole, could not run.
public enum RetrainError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The job spec is invalid; every problem names its key path.
    case invalidSpec(file: String, problems: [SpecProblem])
    /// The job spec could not be read.
    case unreadableSpec(file: String, reason: String)
    /// Another run holds the single-flight lock.
    case busy(holder: String)
    /// The source data cannot be used (missing column, no tenants, empty window).
    case badData(String)
    /// A command-line request that does not fit the spec (unknown tenant, bad shard).
    case invalidRequest(String)
    /// The environment does not fit the spec (an unset DSN variable).
    case configuration(String)
    /// A resource the whole run needs is temporarily unavailable (the database's advisory lock is held).
    case unavailable(String)

    public var description: String {
        switch self {
        case .invalidSpec(let file, let problems):
            let first = problems.first.map(\.description) ?? "invalid"
            let more = problems.count > 1 ? " (and \(problems.count - 1) more problem\(problems.count == 2 ? "" : "s"))" : ""
            return "\(file): \(first)\(more)"
        case .unreadableSpec(let file, let reason): return "\(file): cannot read the job spec: \(reason)"
        case .busy(let holder): return "Another retraining run holds the lock: \(holder). Retry when it has finished."
        case .badData(let message), .invalidRequest(let message), .configuration(let message), .unavailable(let message):
            return message
        }
    }
}
