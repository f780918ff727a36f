/// How many features a forest considers: per node (Random Forest) or per tree (Isolation Forest).
///
/// One text form, used by the command line and by model files: `sqrt`, `log2`, `all`,
/// an integer count (`3`), or a fraction written with a decimal point or exponent
/// (`0.5`, `1.0`), as in scikit-learn (`max_features=1.0` means all, `1` one feature).
public enum MaxFeatures: Sendable, Equatable, LosslessStringConvertible {
    /// ⌊√features⌋ (at least 1), the classification default (Breiman 2001). Random Forest only.
    case sqrt
    /// ⌊log₂ features⌋ (at least 1). Random Forest only.
    case log2
    /// Every feature: the regression and Isolation Forest default (scikit-learn ≥ 1.1).
    case all
    /// This many features, `1 … features`.
    case count(Int)
    /// This fraction of the features, in (0, 1]; ⌊fraction × features⌋, at least 1.
    case fraction(Double)

    /// Parses the text form; nil for anything else.
    public init?(_ text: String) {
        switch text {
        case "sqrt": self = .sqrt
        case "log2": self = .log2
        case "all": self = .all
        default:
            switch CountOrFraction(text) {
            case .count(let count): self = .count(count)
            case .fraction(let fraction): self = .fraction(fraction)
            case nil: return nil
            }
        }
    }

    /// The text form: `sqrt`, `log2`, `all`, `N` or a fraction such as `0.5`.
    public var description: String {
        switch self {
        case .sqrt: "sqrt"
        case .log2: "log2"
        case .all: "all"
        case .count(let count): "\(count)"
        case .fraction(let fraction): "\(fraction)"
        }
    }

    /// Whether a count is ≥ 1 and a fraction in (0, 1]; keywords always are.
    /// Each forest's `validated()` names the values it accepts when this is false.
    var isInRange: Bool {
        switch self {
        case .sqrt, .log2, .all: true
        case .count(let count): count >= 1
        case .fraction(let fraction): fraction > 0 && fraction <= 1
        }
    }
}

/// The numeric part of the count-or-fraction text forms: an integer is a count, any other finite number a fraction.
enum CountOrFraction {
    case count(Int)
    case fraction(Double)

    init?(_ text: String) {
        if let count = Int(text) {
            self = .count(count)
        } else if text.allSatisfy({ "0123456789.eE+-".contains($0) }), let fraction = Double(text), fraction.isFinite {
            self = .fraction(fraction)
        } else {
            return nil
        }
    }
}
