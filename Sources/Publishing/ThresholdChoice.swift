/// Which threshold raises `is_anomaly` in a published bundle: a named level or a literal value.
public enum ThresholdChoice: Sendable, Equatable, CustomStringConvertible {
    /// A level the model carries, e.g. `warn`, `critical`, `f1_optimal`, `recall_0.9`.
    case level(String)
    /// A literal threshold on the model's score scale.
    case value(Double)

    /// Parses `--threshold`: a finite number is a value, anything else a level name.
    public init(parsing text: String) {
        if let number = Double(text), number.isFinite {
            self = .value(number)
        } else {
            self = .level(text)
        }
    }

    public var description: String {
        switch self {
        case .level(let name): name
        case .value(let value): "\(value)"
        }
    }
}
