/// Every regression metric of one model on one set of rows, as `workbench evaluate` reports it.
///
/// Encodes to JSON as `{"mae", "rmse", "r2", "mape"}`, sklearn's definitions.
public struct RegressionMetrics: Codable, Sendable, Equatable {
    /// Mean absolute error, in the target's unit (sklearn's `mean_absolute_error`).
    public let mae: Double
    /// Root mean squared error, in the target's unit (sklearn's `root_mean_squared_error`).
    public let rmse: Double
    /// Coefficient of determination (sklearn's `r2_score`, `force_finite=True`).
    public let r2: Double
    /// Mean absolute percentage error as a fraction, zero targets divided by ε
    /// (sklearn's `mean_absolute_percentage_error`).
    public let mape: Double

    /// Computes every regression metric.
    /// - Parameters:
    ///   - truth: the true target of each row; finite.
    ///   - predictions: the predicted target of each row; finite.
    /// - Throws: `EvaluationError.invalidInput` for empty, mismatched or non-finite input.
    /// - Complexity: O(n).
    public static func compute(truth: [Double], predictions: [Double]) throws(EvaluationError) -> RegressionMetrics {
        RegressionMetrics(
            mae: try Metrics.meanAbsoluteError(truth: truth, predicted: predictions),
            rmse: try Metrics.rootMeanSquaredError(truth: truth, predicted: predictions),
            r2: try Metrics.r2(truth: truth, predicted: predictions),
            mape: try Metrics.meanAbsolutePercentageError(truth: truth, predicted: predictions))
    }
}
