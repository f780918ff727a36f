/// Metrics on predicted numbers.
extension Metrics {
    /// The coefficient of determination, `1 − SS_res / SS_tot` (sklearn's `r2_score`).
    ///
    /// For constant truth, where the ratio is undefined, it is 1 for a perfect
    /// prediction and 0 otherwise, as sklearn's `force_finite=True`.
    /// - Throws: `EvaluationError.invalidInput` for empty, mismatched or non-finite input.
    /// - Complexity: O(n).
    public static func r2(truth: [Double], predicted: [Double]) throws(EvaluationError) -> Double {
        try requireRegression(truth, predicted, metric: "R²")
        let mean = truth.reduce(0, +) / Double(truth.count)
        var residual = 0.0, spread = 0.0
        for (actual, guess) in zip(truth, predicted) {
            residual += (actual - guess) * (actual - guess)
            spread += (actual - mean) * (actual - mean)
        }
        guard spread > 0 else { return residual == 0 ? 1 : 0 }
        return 1 - residual / spread
    }

    /// The mean absolute error, in the unit of the target.
    /// - Throws: `EvaluationError.invalidInput` for empty, mismatched or non-finite input.
    /// - Complexity: O(n).
    public static func meanAbsoluteError(truth: [Double], predicted: [Double]) throws(EvaluationError) -> Double {
        try requireRegression(truth, predicted, metric: "Mean absolute error")
        return zip(truth, predicted).reduce(0.0) { $0 + abs($1.0 - $1.1) } / Double(truth.count)
    }

    /// The root mean squared error, in the unit of the target.
    /// - Throws: `EvaluationError.invalidInput` for empty, mismatched or non-finite input.
    /// - Complexity: O(n).
    public static func rootMeanSquaredError(truth: [Double], predicted: [Double]) throws(EvaluationError) -> Double {
        try requireRegression(truth, predicted, metric: "Root mean squared error")
        let squares = zip(truth, predicted).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return (squares / Double(truth.count)).squareRoot()
    }

    static func requireRegression(_ truth: [Double], _ predicted: [Double], metric: String) throws(EvaluationError) {
        try requireMatching(truth.count, "truth", predicted.count, "predicted", metric: metric)
        try requireFinite(truth, "truth", metric: metric)
        try requireFinite(predicted, "predicted", metric: metric)
    }
}

extension Metrics {
    /// The mean absolute percentage error, `mean(|y − ŷ| / max(|y|, ε))` with ε the Double machine
    /// epsilon (sklearn's `mean_absolute_percentage_error`): a fraction, not a percentage, and huge
    /// (not infinite) when a target is 0 and its prediction is not.
    /// - Throws: `EvaluationError.invalidInput` for empty, mismatched or non-finite input.
    /// - Complexity: O(n).
    public static func meanAbsolutePercentageError(truth: [Double], predicted: [Double]) throws(EvaluationError) -> Double {
        try requireRegression(truth, predicted, metric: "Mean absolute percentage error")
        return zip(truth, predicted).reduce(0.0) { $0 + abs($1.0 - $1.1) / max(abs($1.0), .ulpOfOne) }
            / Double(truth.count)
    }
}
