#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One feature's share in isolating a row: which metric made it anomalous.
///
/// Isolation forests explain a row by the splits on its paths. A split that
/// sends the row from a node of `n` training rows to a child of `m` credits
/// its feature with `log2(n / max(m, 1))`, the bits by which it shrank the
/// row's cell: a cut that strands an anomaly alone earns many bits, a cut
/// through the middle of the data earns about one. Each tree's credits add up
/// to `log2(ψ / leaf rows)`, so trees that isolate the row quickly count most
/// (the path weighting of DIFFI, Carletti, Terzi & Susto 2020, in another
/// form). Credits are summed over trees and normalised to sum to 1.
public struct FeatureContribution: Sendable, Equatable, CustomStringConvertible {
    /// The feature's column index in the training matrix.
    public let feature: Int
    /// Its share of the isolation credit, in [0, 1].
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

    /// The credit of a step from a node of `parent` training rows to a child of `child`.
    static func isolationGain(parent: Int32, child: Int32) -> Double {
        log2(Double(parent) / Double(max(child, 1)))
    }

    /// `weights` divided by their sum (all zeros stay zeros).
    static func normalised(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        return total > 0 ? weights.map { $0 / total } : weights
    }
}
