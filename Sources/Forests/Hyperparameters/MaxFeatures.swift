/// How many features a forest considers: per node (Random Forest) or per tree (Isolation Forest).
///
/// One text form, used by the command line and by model files: `sqrt`, `log2`, `all`,
/// an integer count (`3`), or a fraction written with a decimal point or exponent
/// (`0.5`, `1.0`), as in scikit-learn (`max_features=1.0` means all, `1` one feature).
public enum MaxFeatures: Sendable, Equatable, LosslessStringConvertible, CountOrFractionSetting {
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

    static let keywords: [(text: String, value: MaxFeatures)] = [("sqrt", .sqrt), ("log2", .log2), ("all", .all)]

    var number: CountOrFraction? {
        switch self {
        case .count(let count): .count(count)
        case .fraction(let fraction): .fraction(fraction)
        default: nil
        }
    }
}
