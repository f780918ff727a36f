import NumericCore

// Metrics of a bootstrap resample given as row multiplicities.
// Goals, in order: deterministic → equal to the metric of the materialised resample (a row drawn c times
// counts c times; copies of a row share its score, so they fall in its tie group) → O(n) per resample,
// the O(n log n) sort done once.

/// Scores ranked once, so that ranking metrics of any resample cost O(n).
struct RankedScores {
    /// Rows by decreasing score.
    private let order: [Int]
    /// Whether the row at each sorted position is positive.
    private let isPositive: [Bool]
    /// Whether the row at each sorted position ends its group of tied scores.
    private let endsTie: [Bool]

    init(truth: [Int], scores: [Double], positiveLabel: Int) {
        let order = DescendingOrder.indices(scores)
        self.order = order
        isPositive = order.map { truth[$0] == positiveLabel }
        endsTie = order.indices.map { $0 == order.count - 1 || scores[order[$0 + 1]] != scores[order[$0]] }
    }

    /// Average precision when row `i` counts `counts[i]` times; `nil` without positives.
    func averagePrecision(_ counts: [Int32]) -> Double? {
        var truePositives = 0, falsePositives = 0, previousTruePositives = 0
        var total = 0.0
        for position in order.indices {
            let count = Int(counts[order[position]])
            if isPositive[position] { truePositives += count } else { falsePositives += count }
            if endsTie[position], truePositives > previousTruePositives {
                let precision = Double(truePositives) / Double(truePositives + falsePositives)
                total += Double(truePositives - previousTruePositives) * precision
                previousTruePositives = truePositives
            }
        }
        return truePositives > 0 ? total / Double(truePositives) : nil
    }

    /// ROC AUC when row `i` counts `counts[i]` times; `nil` unless both classes occur.
    func rocAUC(_ counts: [Int32]) -> Double? {
        var truePositives = 0, falsePositives = 0
        var previous = (falsePositives: 0, truePositives: 0)
        var area = 0.0
        for position in order.indices {
            let count = Int(counts[order[position]])
            if isPositive[position] { truePositives += count } else { falsePositives += count }
            if endsTie[position] {
                area += Double(falsePositives - previous.falsePositives) * Double(truePositives + previous.truePositives) / 2
                previous = (falsePositives, truePositives)
            }
        }
        guard truePositives > 0, falsePositives > 0 else { return nil }
        return area / (Double(truePositives) * Double(falsePositives))
    }
}

/// A regression metric when row `i` counts `counts[i]` times (the counts must sum to at least 1).
func weightedRegression(_ metric: ComparisonMetric, truth: [Double], predicted: [Double], counts: [Int32]) -> Double {
    let total = Double(counts.reduce(0) { $0 + Int($1) })
    switch metric {
    case .mae:
        return truth.indices.reduce(0.0) { $0 + Double(counts[$1]) * abs(truth[$1] - predicted[$1]) } / total
    case .rmse:
        let squares = truth.indices.reduce(0.0) { $0 + Double(counts[$1]) * (truth[$1] - predicted[$1]) * (truth[$1] - predicted[$1]) }
        return (squares / total).squareRoot()
    case .mape:
        return truth.indices.reduce(0.0) {
            $0 + Double(counts[$1]) * abs(truth[$1] - predicted[$1]) / max(abs(truth[$1]), .ulpOfOne)
        } / total
    case .averagePrecision, .rocAUC:
        preconditionFailure("\(metric) is a ranking metric; RankedScores computes it.")
    case .r2:
        let mean = truth.indices.reduce(0.0) { $0 + Double(counts[$1]) * truth[$1] } / total
        var residual = 0.0, spread = 0.0
        for index in truth.indices where counts[index] > 0 {
            let weight = Double(counts[index])
            residual += weight * (truth[index] - predicted[index]) * (truth[index] - predicted[index])
            spread += weight * (truth[index] - mean) * (truth[index] - mean)
        }
        guard spread > 0 else { return residual == 0 ? 1 : 0 }
        return 1 - residual / spread
    }
}
