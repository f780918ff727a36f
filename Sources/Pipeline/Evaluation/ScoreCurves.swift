// ROC, precision–recall and calibration points of binary scores, for report plots.
// Goals, in order: deterministic → correct (tied scores form one point, as sklearn's `roc_curve` and
// `precision_recall_curve` with drop_intermediate=False) → O(n log n).

/// Points of the curves a report draws from binary truth and scores (higher = more positive).
enum ScoreCurves {
    /// Cumulative (threshold, true positives, false positives) at every distinct score, highest first.
    static func operatingPoints(truth: [Int], scores: [Double]) -> [(threshold: Double, tp: Int, fp: Int)] {
        let order = scores.indices.sorted { (scores[$1], $0) < (scores[$0], $1) }
        var points: [(threshold: Double, tp: Int, fp: Int)] = []
        var tp = 0, fp = 0
        for (rank, row) in order.enumerated() {
            if truth[row] == 1 { tp += 1 } else { fp += 1 }
            if rank == order.count - 1 || scores[order[rank + 1]] != scores[row] {
                points.append((scores[row], tp, fp))
            }
        }
        return points
    }

    /// ROC points (false positive rate, true positive rate) from (0, 0); nil without both classes.
    static func roc(truth: [Int], scores: [Double]) -> (xs: [Double], ys: [Double])? {
        let positives = truth.count { $0 == 1 }, negatives = truth.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let points = operatingPoints(truth: truth, scores: scores)
        return ([0] + points.map { Double($0.fp) / Double(negatives) }, [0] + points.map { Double($0.tp) / Double(positives) })
    }

    /// Precision–recall points (recall, precision), starting at (0, 1) as sklearn's `precision_recall_curve`
    /// ends; nil without positives.
    static func precisionRecall(truth: [Int], scores: [Double]) -> (xs: [Double], ys: [Double])? {
        let positives = truth.count { $0 == 1 }
        guard positives > 0 else { return nil }
        let points = operatingPoints(truth: truth, scores: scores)
        let precision = points.map { Double($0.tp) / Double($0.tp + $0.fp) }
        return ([0] + points.map { Double($0.tp) / Double(positives) }, [1] + precision)
    }

    /// The precision–recall curve a report draws as steps (each precision held back to the previous recall),
    /// so the area under it is average precision: the operating points that catch at least one positive,
    /// from recall 0 at the first of them. sklearn's conventional (0, 1) start and the points of recall 0
    /// cover no recall, so they add nothing to the area; drawn, they make a vertical line at recall 0 that
    /// looks like perfect precision when the top-scored rows are negatives. Nil without positives.
    static func precisionRecallSteps(truth: [Int], scores: [Double]) -> (xs: [Double], ys: [Double])? {
        let positives = truth.count { $0 == 1 }
        guard positives > 0 else { return nil }
        let points = operatingPoints(truth: truth, scores: scores).filter { $0.tp > 0 }
        let recall = points.map { Double($0.tp) / Double(positives) }
        let precision = points.map { Double($0.tp) / Double($0.tp + $0.fp) }
        return ([0] + recall, [precision[0]] + precision)
    }

    /// Calibration: `bins` equal-width probability bins; per non-empty bin the mean predicted probability
    /// and the observed positive fraction (sklearn's `calibration_curve`, strategy "uniform").
    static func calibration(truth: [Int], probabilities: [Double], bins: Int = 10) -> (xs: [Double], ys: [Double]) {
        var sums = [Double](repeating: 0, count: bins), hits = sums, counts = sums
        for (label, p) in zip(truth, probabilities) {
            let bin = min(bins - 1, max(0, Int(p * Double(bins))))
            sums[bin] += p
            hits[bin] += Double(label)
            counts[bin] += 1
        }
        let used = (0 ..< bins).filter { counts[$0] > 0 }
        return (used.map { sums[$0] / counts[$0] }, used.map { hits[$0] / counts[$0] })
    }
}
