/// Errors raised when a metric or a split cannot be computed.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Inputs disagree in length or are empty.
    case invalidInput(String)

    public var description: String {
        switch self {
        case .invalidInput(let message): message
        }
    }
}
