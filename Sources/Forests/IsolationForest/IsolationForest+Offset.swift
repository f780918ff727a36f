extension IsolationForest {
    /// scikit-learn's `offset_` for `contamination` given the training scores.
    ///
    /// `.auto` gives −0.5 (the paper's boundary). `.fraction(c)` gives
    /// `percentile(−scores, 100·c)` with numpy's default linear interpolation, so
    /// `c·n` training rows ± 1 score above `−offset` (fewer when scores tie).
    /// Both isolation forests call this from `fit`; thresholds on new data are the
    /// caller's business (Evaluation's `Thresholds`).
    /// - Parameters:
    ///   - contamination: the share of training rows to flag.
    ///   - trainingScores: the anomaly scores of the training rows.
    /// - Throws: `ForestError.invalidParameter` for a fraction outside (0, 0.5];
    ///   `ForestError.invalidData` for no scores or a NaN score.
    /// - Complexity: O(n log n).
    public static func offset(for contamination: Contamination, trainingScores scores: [Double]) throws(ForestError) -> Double {
        guard case .fraction(let fraction) = contamination else { return -0.5 }
        try contamination.check()
        guard !scores.isEmpty else {
            throw .invalidData("cannot choose an offset from 0 scores; expected at least 1.")
        }
        if let index = scores.firstIndex(where: \.isNaN) {
            throw .invalidData("score \(index) is NaN; the offset needs finite scores.")
        }
        let negated = scores.map { -$0 }.sorted()
        // numpy.percentile(a, q, method="linear"): virtual index (n − 1)·q/100, then _lerp.
        let quantile = (100.0 * fraction) / 100.0
        let virtual = Double(negated.count - 1) * quantile
        let below = Int(virtual.rounded(.down))
        let above = min(below + 1, negated.count - 1)
        let gamma = virtual - Double(below)
        let a = negated[below], b = negated[above]
        let difference = b - a
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }
}
