/// How many training rows each tree is grown on.
///
/// One text form, used by the command line and by model files: `auto`, `all`, an
/// integer count (`256`) or a fraction with a decimal point (`0.5`). The forests
/// resolve it as scikit-learn does for each: see `ForestConfiguration.maxSamples`
/// and `IsolationForest.Configuration.maxSamples`.
public enum MaxSamples: Sendable, Equatable, LosslessStringConvertible {
    /// `min(256, rows)`, Isolation Forest's default (ψ in Liu, Ting & Zhou 2008): the paper found
    /// 256 enough on every data set it tried, and small subsamples reduce swamping and masking.
    /// Isolation forests only.
    case auto
    /// Every training row: the Random Forest default (a bootstrap sample as large as the data).
    case all
    /// This many rows (≥ 1).
    case count(Int)
    /// This fraction of the rows, in (0, 1].
    case fraction(Double)

    /// Parses the text form; nil for anything else.
    public init?(_ text: String) {
        switch text {
        case "auto": self = .auto
        case "all": self = .all
        default:
            switch CountOrFraction(text) {
            case .count(let count): self = .count(count)
            case .fraction(let fraction): self = .fraction(fraction)
            case nil: return nil
            }
        }
    }

    /// The text form: `auto`, `all`, `N` or a fraction such as `0.5`.
    public var description: String {
        switch self {
        case .auto: "auto"
        case .all: "all"
        case .count(let count): "\(count)"
        case .fraction(let fraction): "\(fraction)"
        }
    }

    /// Whether a count is ≥ 1 and a fraction in (0, 1]; keywords always are.
    /// Each forest's `validated()` names the values it accepts when this is false.
    var isInRange: Bool {
        switch self {
        case .auto, .all: true
        case .count(let count): count >= 1
        case .fraction(let fraction): fraction > 0 && fraction <= 1
        }
    }
}
