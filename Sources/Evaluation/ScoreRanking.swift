/// Labelled scores ranked once, for callers that need several ranking metrics and thresholds of the
/// same scores (a training run's ROC AUC, average precision, F1-optimal and fixed-recall thresholds):
/// each of `Metrics.rocAUC`, `Metrics.averagePrecision`, `Thresholds.maximizingF1` and
/// `Thresholds.atRecall` sorts the scores again; these methods share one sort and give the same values.
public struct ScoreRanking: Sendable {
    let curve: ScoreCurve
    /// The label counted as positive.
    public let positiveLabel: Int

    /// Ranks `scores` (higher means more likely positive) against `truth`.
    /// - Throws: `EvaluationError.invalidInput` for empty, mismatched or non-finite input.
    /// - Complexity: O(n log n), once.
    public init(truth: [Int], scores: [Double], positiveLabel: Int = 1) throws(EvaluationError) {
        curve = try ScoreCurve(truth: truth, scores: scores, positiveLabel: positiveLabel, metric: "Ranked scores")
        self.positiveLabel = positiveLabel
    }

    /// `Metrics.rocAUC` of these scores.
    /// - Throws: `EvaluationError.invalidInput` when only one class is present.
    public func rocAUC() throws(EvaluationError) -> Double {
        try curve.requireBothClasses()
        return curve.rocArea()
    }

    /// `Metrics.averagePrecision` of these scores.
    /// - Throws: `EvaluationError.invalidInput` without positives.
    public func averagePrecision() throws(EvaluationError) -> Double {
        try curve.requirePositives(metric: "Average precision", positiveLabel: positiveLabel)
        return curve.averagePrecision()
    }

    /// `Thresholds.maximizingF1` of these scores.
    /// - Throws: `EvaluationError.invalidInput` without positives.
    public func thresholdMaximizingF1() throws(EvaluationError) -> Thresholds.Choice {
        try curve.requirePositives(metric: "F1-optimal threshold", positiveLabel: positiveLabel)
        return Thresholds.maximizingF1(on: curve)
    }

    /// `Thresholds.atRecall` of these scores.
    /// - Throws: `EvaluationError.invalidInput` for a recall outside (0, 1] or without positives.
    public func threshold(atRecall recall: Double) throws(EvaluationError) -> Thresholds.Choice {
        try Thresholds.requireRecall(recall)
        try curve.requirePositives(metric: "Threshold at recall", positiveLabel: positiveLabel)
        return Thresholds.choice(atRecall: recall, on: curve)
    }
}
