/// Metrics on continuous scores (anomaly scores, positive-class probabilities) against binary truth.
extension Metrics {
    /// The area under the ROC curve (sklearn's `roc_auc_score` for binary truth).
    ///
    /// Tied scores form one threshold and the curve is integrated with the
    /// trapezoid rule, so a tie between a positive and a negative counts one half.
    /// - Parameters:
    ///   - truth: the true labels.
    ///   - scores: higher means more likely positive; finite.
    ///   - positiveLabel: default 1.
    /// - Throws: `EvaluationError.invalidInput` for empty, mismatched or non-finite input, or when only one class is present.
    /// - Complexity: O(n log n).
    public static func rocAUC(truth: [Int], scores: [Double], positiveLabel: Int = 1) throws(EvaluationError) -> Double {
        let curve = try ScoreCurve(truth: truth, scores: scores, positiveLabel: positiveLabel, metric: "ROC AUC")
        try curve.requireBothClasses()
        return curve.rocArea()
    }

    /// Average precision, the step-wise area under the precision–recall curve
    /// (sklearn's `average_precision_score`): `Σₙ (Rₙ − Rₙ₋₁)·Pₙ` over distinct thresholds, without interpolation.
    /// - Parameters:
    ///   - truth: the true labels.
    ///   - scores: higher means more likely positive; finite.
    ///   - positiveLabel: default 1.
    /// - Throws: `EvaluationError.invalidInput` for empty, mismatched or non-finite input, or without positives
    ///   (sklearn returns 0 there with a warning; an undefined score should not pass silently).
    /// - Complexity: O(n log n).
    public static func averagePrecision(
        truth: [Int], scores: [Double], positiveLabel: Int = 1
    ) throws(EvaluationError) -> Double {
        let curve = try ScoreCurve(truth: truth, scores: scores, positiveLabel: positiveLabel, metric: "Average precision")
        try curve.requirePositives(metric: "Average precision", positiveLabel: positiveLabel)
        return curve.averagePrecision()
    }

    /// Precision among the `k` highest scores, with `k` the number of positive samples (R-precision).
    ///
    /// Ties at the cut are resolved by expectation, as in McSherry & Najork (2008): when a tied group
    /// straddles rank `k`, it contributes its share of positives times the places it fills, so the result
    /// does not depend on the input order. Equal to recall at the same `k`.
    /// - Parameters:
    ///   - truth: the true labels.
    ///   - scores: higher means more likely positive (more anomalous); finite.
    ///   - positiveLabel: default 1.
    /// - Throws: `EvaluationError.invalidInput` for empty, mismatched or non-finite input, or without positives.
    /// - Complexity: O(n log n).
    public static func precisionAtK(truth: [Int], scores: [Double], positiveLabel: Int = 1) throws(EvaluationError) -> Double {
        let curve = try ScoreCurve(truth: truth, scores: scores, positiveLabel: positiveLabel, metric: "Precision at k")
        try curve.requirePositives(metric: "Precision at k", positiveLabel: positiveLabel)
        return curve.precisionAtPositives()
    }
}

// The metrics from a built curve, so callers that need several sort the scores once.
extension ScoreCurve {
    /// The trapezoid area under the ROC curve.
    /// - Precondition: both classes are present.
    func rocArea() -> Double {
        precondition(positives > 0 && negatives > 0, "ROC AUC needs both classes.")
        var area = 0.0
        var previous = (falsePositives: 0, truePositives: 0)
        for point in points {
            let width = Double(point.falsePositives - previous.falsePositives)
            area += width * Double(point.truePositives + previous.truePositives) / 2
            previous = (point.falsePositives, point.truePositives)
        }
        return area / (Double(positives) * Double(negatives))
    }

    /// `Σₙ (Rₙ − Rₙ₋₁)·Pₙ` over distinct thresholds.
    /// - Precondition: at least one positive.
    func averagePrecision() -> Double {
        precondition(positives > 0, "Average precision needs a positive sample.")
        var total = 0.0
        var previousTruePositives = 0
        for point in points {
            let precision = Double(point.truePositives) / Double(point.truePositives + point.falsePositives)
            total += Double(point.truePositives - previousTruePositives) * precision
            previousTruePositives = point.truePositives
        }
        return total / Double(positives)
    }

    /// Precision at k = positives, the tie straddling the cut counted by expectation.
    /// - Precondition: at least one positive.
    func precisionAtPositives() -> Double {
        precondition(positives > 0, "Precision at k needs a positive sample.")
        let k = positives
        var previous = (count: 0, truePositives: 0)
        for point in points {
            let count = point.truePositives + point.falsePositives
            if count >= k {
                let tied = Double(count - previous.count)
                let tiedPositives = Double(point.truePositives - previous.truePositives)
                let hits = Double(previous.truePositives) + Double(k - previous.count) * tiedPositives / tied
                return hits / Double(k)
            }
            previous = (count, point.truePositives)
        }
        return 1
    }
}
