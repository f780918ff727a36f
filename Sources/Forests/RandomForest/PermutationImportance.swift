import NumericCore

/// Permutation feature importance (Breiman 2001, §10): how much a model's
/// score drops when one feature's values are shuffled among the rows.
public struct PermutationImportance: Sendable, Equatable {
    /// The score on the unshuffled data (accuracy or R²).
    public let baselineScore: Double
    /// Per feature, the mean drop in score over the repeats.
    public let meanDecrease: [Double]
    /// Per feature, the standard deviation (ddof 0) of the drop over the repeats.
    public let standardDeviation: [Double]

    /// Scores `x` with each feature shuffled `repeats` times.
    /// Shuffle `r` of feature `f` uses `SeededRandom(seed:, stream: f × repeats + r)`,
    /// so the result depends only on the seed.
    /// - Complexity: O(features × repeats × cost of `score`).
    static func measure(
        x: Matrix<Float>, repeats: Int, seed: UInt64, score: (Matrix<Float>) -> Double
    ) throws(ForestError) -> PermutationImportance {
        guard repeats >= 1 else { throw .invalidParameter("repeats must be an integer in [1, ∞); got \(repeats).") }
        guard x.rows >= 1 else { throw .invalidData("Permutation importance needs at least 1 row; got 0.") }
        let baseline = score(x)
        var shuffled = x
        var means: [Double] = [], deviations: [Double] = []
        for feature in 0 ..< x.columns {
            let original = x.column(feature)
            var drops: [Double] = []
            for repeatIndex in 0 ..< repeats {
                var random = SeededRandom(seed: seed, stream: UInt64(feature * repeats + repeatIndex))
                var column = original
                for index in stride(from: column.count - 1, to: 0, by: -1) {
                    column.swapAt(index, random.nextIndex(below: index + 1))
                }
                for row in 0 ..< x.rows { shuffled[row, feature] = column[row] }
                drops.append(baseline - score(shuffled))
            }
            for row in 0 ..< x.rows { shuffled[row, feature] = original[row] }
            let mean = drops.reduce(0, +) / Double(repeats)
            means.append(mean)
            deviations.append((drops.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(repeats)).squareRoot())
        }
        return PermutationImportance(baselineScore: baseline, meanDecrease: means, standardDeviation: deviations)
    }
}

extension RandomForestClassifier {
    /// Permutation importance with accuracy as the score.
    /// - Parameters:
    ///   - x, labels: held-out rows and their class indices.
    ///   - repeats: shuffles per feature, ≥ 1; default 5 (scikit-learn's `n_repeats`).
    ///   - seed: seed of the shuffles; default 0.
    /// - Throws: `ForestError.invalidData` for shapes or labels that do not fit,
    ///   `ForestError.invalidParameter` for `repeats < 1`.
    public func permutationImportance(
        x: Matrix<Float>, labels: [Int], repeats: Int = 5, seed: UInt64 = 0
    ) throws(ForestError) -> PermutationImportance {
        try ForestPrediction.checkFeatures(x, expected: featureCount)
        guard labels.count == x.rows else { throw .invalidData("Data has \(x.rows) rows but \(labels.count) labels.") }
        return try PermutationImportance.measure(x: x, repeats: repeats, seed: seed) { data in
            let predicted = (try? predict(data)) ?? []
            return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
        }
    }
}

extension RandomForestRegressor {
    /// Permutation importance with R² as the score.
    /// - Parameters:
    ///   - x, targets: held-out rows and their targets.
    ///   - repeats: shuffles per feature, ≥ 1; default 5 (scikit-learn's `n_repeats`).
    ///   - seed: seed of the shuffles; default 0.
    /// - Throws: `ForestError.invalidData` for shapes that do not fit,
    ///   `ForestError.invalidParameter` for `repeats < 1`.
    public func permutationImportance(
        x: Matrix<Float>, targets: [Double], repeats: Int = 5, seed: UInt64 = 0
    ) throws(ForestError) -> PermutationImportance {
        try ForestPrediction.checkFeatures(x, expected: featureCount)
        guard targets.count == x.rows else { throw .invalidData("Data has \(x.rows) rows but \(targets.count) targets.") }
        return try PermutationImportance.measure(x: x, repeats: repeats, seed: seed) { data in
            Self.rSquared(predictions: (try? predict(data)) ?? [], targets: targets)
        }
    }
}
