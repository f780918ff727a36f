import NumericCore

/// Choosing the score above which to alert.
///
/// Every threshold here is used as `alert when score ≥ threshold`, the
/// convention of sklearn's `roc_curve` and `precision_recall_curve`.
/// Candidate thresholds are the distinct observed scores.
public enum Thresholds {
    /// An operating point: a threshold with the precision and recall it reaches on the data it was chosen on.
    public struct Choice: Sendable, Equatable {
        /// Alert when a score is at least this.
        public let threshold: Double
        /// Of the alerts, the fraction that are positives.
        public let precision: Double
        /// Of the positives, the fraction alerted on.
        public let recall: Double
        /// The harmonic mean of precision and recall.
        public let f1: Double
        /// The fraction of all samples alerted on.
        public let alertRate: Double
    }

    /// The threshold with the highest F1; among equal F1, the highest threshold (fewest alerts).
    /// - Parameters:
    ///   - truth: the true labels.
    ///   - scores: higher means more likely positive; finite.
    ///   - positiveLabel: default 1.
    /// - Throws: `EvaluationError.invalidInput` for empty, mismatched or non-finite input, or without positives.
    /// - Complexity: O(n log n).
    public static func maximizingF1(truth: [Int], scores: [Double], positiveLabel: Int = 1) throws(EvaluationError) -> Choice {
        let curve = try ScoreCurve(truth: truth, scores: scores, positiveLabel: positiveLabel, metric: "F1-optimal threshold")
        try curve.requirePositives(metric: "F1-optimal threshold", positiveLabel: positiveLabel)
        return maximizingF1(on: curve)
    }

    /// The F1-optimal choice on a built curve with at least one positive.
    static func maximizingF1(on curve: ScoreCurve) -> Choice {
        var best = choice(curve.points[0], curve)
        for point in curve.points.dropFirst() {
            let candidate = choice(point, curve)
            if candidate.f1 > best.f1 { best = candidate }
        }
        return best
    }

    /// The highest threshold whose recall reaches `recall`: the most precise way to catch that share of positives.
    /// - Parameters:
    ///   - recall: the fraction of positives to catch, in (0, 1].
    ///   - truth: the true labels.
    ///   - scores: higher means more likely positive; finite.
    ///   - positiveLabel: default 1.
    /// - Throws: `EvaluationError.invalidInput` for a recall outside (0, 1], bad input, or without positives.
    /// - Complexity: O(n log n).
    public static func atRecall(
        _ recall: Double, truth: [Int], scores: [Double], positiveLabel: Int = 1
    ) throws(EvaluationError) -> Choice {
        try requireRecall(recall)
        let curve = try ScoreCurve(truth: truth, scores: scores, positiveLabel: positiveLabel, metric: "Threshold at recall")
        try curve.requirePositives(metric: "Threshold at recall", positiveLabel: positiveLabel)
        return choice(atRecall: recall, on: curve)
    }

    /// Throws unless `recall` is in (0, 1].
    static func requireRecall(_ recall: Double) throws(EvaluationError) {
        guard recall > 0, recall <= 1 else {
            throw .invalidInput("Target recall must be in (0, 1]; got \(recall).")
        }
    }

    /// The highest threshold reaching `recall` on a built curve with at least one positive.
    static func choice(atRecall recall: Double, on curve: ScoreCurve) -> Choice {
        // The last point alerts on everything and so has recall 1; the search always succeeds.
        let needed = Int((recall * Double(curve.positives)).rounded(.up))
        let point = curve.points.first { $0.truePositives >= needed } ?? curve.points[curve.points.count - 1]
        return choice(point, curve)
    }

    /// The threshold that alerts on about `rate` of the scores: their `1 − rate` quantile
    /// (linear interpolation, numpy's default), for a target alert budget without labels.
    /// - Parameters:
    ///   - rate: the fraction of samples to alert on, in [0, 1]; e.g. 0.01 for one alert per hundred buckets.
    ///   - scores: scores of representative (mostly normal) data; finite.
    /// - Throws: `EvaluationError.invalidInput` for a rate outside [0, 1], no scores or non-finite scores.
    /// - Complexity: O(n log n).
    public static func forAlertRate(_ rate: Double, scores: [Double]) throws(EvaluationError) -> Double {
        guard (0 ... 1).contains(rate) else {
            throw .invalidInput("Alert rate must be in [0, 1]; got \(rate).")
        }
        guard !scores.isEmpty else {
            throw .invalidInput("Threshold for alert rate needs at least one score; got none.")
        }
        try Metrics.requireFinite(scores, "scores", metric: "Threshold for alert rate")
        do {
            return try Statistics.quantile(of: scores, probability: 1 - rate)
        } catch {
            throw .invalidInput("Threshold for alert rate: \(error)")
        }
    }

    private static func choice(_ point: ScoreCurve.Point, _ curve: ScoreCurve) -> Choice {
        let tp = Double(point.truePositives), fp = Double(point.falsePositives)
        let fn = Double(curve.positives) - tp
        return Choice(
            threshold: point.threshold,
            precision: tp + fp == 0 ? 0 : tp / (tp + fp),
            recall: tp / Double(curve.positives),
            f1: tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn),
            alertRate: (tp + fp) / Double(curve.positives + curve.negatives))
    }
}
