/// Errors raised when a metric or a split cannot be computed.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Inputs or settings are invalid (empty, mismatched, out of range); the message names the value and what was expected.
    case invalidInput(String)

    public var description: String {
        switch self {
        case .invalidInput(let message): message
        }
    }
}
