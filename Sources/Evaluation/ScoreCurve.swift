import NumericCore

// The cumulative confusion counts at every distinct score threshold, shared by
// ROC AUC, average precision and threshold selection.
// Goals, in order: deterministic → correct (tied scores form one threshold, as
// sklearn's `_binary_clf_curve`) → O(n log n).

/// Cumulative true and false positives when alerting on `score ≥ threshold`, per distinct threshold.
struct ScoreCurve: Sendable {
    /// One operating point: everything scoring at least `threshold` is predicted positive.
    struct Point {
        let threshold: Double
        let truePositives: Int
        let falsePositives: Int
    }

    /// Points in decreasing threshold order; the last one predicts every sample positive.
    let points: [Point]
    /// The number of positive samples.
    let positives: Int
    /// The number of negative samples.
    let negatives: Int

    /// Builds the curve.
    /// - Throws: `EvaluationError.invalidInput` for empty or mismatched arrays or non-finite scores.
    init(truth: [Int], scores: [Double], positiveLabel: Int, metric: String) throws(EvaluationError) {
        try Metrics.requireMatching(truth.count, "truth", scores.count, "scores", metric: metric)
        try Metrics.requireFinite(scores, "scores", metric: metric)
        let order = DescendingOrder.indices(scores)
        var points: [Point] = []
        var truePositives = 0, falsePositives = 0
        for (rank, index) in order.enumerated() {
            if truth[index] == positiveLabel { truePositives += 1 } else { falsePositives += 1 }
            let isLastOfTie = rank == order.count - 1 || scores[order[rank + 1]] != scores[index]
            if isLastOfTie {
                points.append(Point(threshold: scores[index], truePositives: truePositives, falsePositives: falsePositives))
            }
        }
        self.points = points
        positives = truePositives
        negatives = falsePositives
    }

    /// Throws unless both classes are present (ROC AUC is undefined otherwise).
    func requireBothClasses() throws(EvaluationError) {
        guard positives > 0, negatives > 0 else {
            throw .invalidInput(
                "ROC AUC is undefined when only one class is present; got \(positives) positive and \(negatives) negative samples.")
        }
    }

    /// Throws unless there is at least one positive sample.
    func requirePositives(metric: String, positiveLabel: Int) throws(EvaluationError) {
        guard positives > 0 else {
            throw .invalidInput(
                "\(metric) is undefined without positive samples; no label equals the positive label \(positiveLabel).")
        }
    }
}
