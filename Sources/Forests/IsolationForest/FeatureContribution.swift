/// One feature's share in isolating a row: which metric made it anomalous.
///
/// Isolation forests explain a row by the splits on its paths. Each tree's
/// splits count with weight `1 / h_t(x)` (the row's path length in that tree),
/// because a short path means those splits isolated the row quickly; this is the
/// path-weighting idea of DIFFI (Carletti, Terzi & Susto, 2020) without its
/// inlier normalisation. Shares are normalised to sum to 1 over the features.
public struct FeatureContribution: Sendable, Equatable, CustomStringConvertible {
    /// The feature's column index in the training matrix.
    public let feature: Int
    /// Its share of the depth-weighted split count, in [0, 1].
    public let share: Double

    /// A contribution of `share` by `feature`.
    public init(feature: Int, share: Double) {
        self.feature = feature
        self.share = share
    }

    public var description: String { "feature \(feature): \(share)" }

    /// The `count` largest shares, largest first; equal shares keep the lower feature index first.
    /// - Parameters:
    ///   - shares: one share per feature, as `contributions(of:row:)` returns.
    ///   - count: how many to keep (at most the number of features).
    /// - Complexity: O(d log d).
    public static func top(_ shares: [Double], count: Int) -> [FeatureContribution] {
        shares.indices
            .sorted { shares[$0] != shares[$1] ? shares[$0] > shares[$1] : $0 < $1 }
            .prefix(max(0, count))
            .map { FeatureContribution(feature: $0, share: shares[$0]) }
    }

    /// `weights` divided by their sum (all zeros stay zeros).
    static func normalised(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        return total > 0 ? weights.map { $0 / total } : weights
    }
}
