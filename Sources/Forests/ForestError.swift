/// Errors raised by the forests: invalid hyperparameters and unusable data.
///
/// Messages follow scikit-learn's style: they name the parameter, the allowed
/// range and the value, e.g. "maxSamples must be in (0, 1] or a count ≥ 1; got 2.0."
public enum ForestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hyperparameter is outside its allowed range.
    case invalidParameter(String)
    /// The training or prediction data cannot be used (shape, labels, values).
    case invalidData(String)

    public var description: String {
        switch self {
        case .invalidParameter(let message), .invalidData(let message): message
        }
    }
}
