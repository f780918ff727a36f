/// How many training rows each tree is grown on.
///
/// One text form, used by the command line and by model files: `auto`, `all`, an
/// integer count (`256`) or a fraction with a decimal point (`0.5`). The forests
/// resolve it as scikit-learn does for each: see `ForestConfiguration.maxSamples`
/// and `IsolationForest.Configuration.maxSamples`.
public enum MaxSamples: Sendable, Equatable, LosslessStringConvertible, CountOrFractionSetting {
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

    static let keywords: [(text: String, value: MaxSamples)] = [("auto", .auto), ("all", .all)]

    var number: CountOrFraction? {
        switch self {
        case .count(let count): .count(count)
        case .fraction(let fraction): .fraction(fraction)
        default: nil
        }
    }
}
