import NumericCore

/// The Brier score: the mean squared difference between predicted probabilities and outcomes.
extension Metrics {
    /// The binary Brier score, `mean((1[y = positive] − p)²)` (sklearn's `brier_score_loss` with `pos_label`).
    /// - Parameters:
    ///   - truth: the true labels.
    ///   - positiveProbabilities: the predicted probability of `positiveLabel` per sample, in [0, 1].
    ///   - positiveLabel: default 1.
    /// - Throws: `EvaluationError.invalidInput` for empty or mismatched arrays or probabilities outside [0, 1].
    /// - Complexity: O(n).
    public static func brierScore(
        truth: [Int], positiveProbabilities: [Double], positiveLabel: Int = 1
    ) throws(EvaluationError) -> Double {
        try requireMatching(truth.count, "truth", positiveProbabilities.count, "probabilities", metric: "Brier score")
        if let bad = positiveProbabilities.first(where: { !(0 ... 1).contains($0) }) {
            throw .invalidInput("Brier score: probabilities must be in [0, 1]; got \(bad).")
        }
        var total = 0.0
        for (label, probability) in zip(truth, positiveProbabilities) {
            let outcome: Double = label == positiveLabel ? 1 : 0
            total += (outcome - probability) * (outcome - probability)
        }
        return total / Double(truth.count)
    }

    /// The multi-class Brier score, `mean over samples of Σ_classes (1[y = c] − p_c)²`, in [0, 2]
    /// (sklearn ≥ 1.7's `brier_score_loss(y, P, labels=classes)`, which does not halve it for more than two classes).
    /// - Parameters:
    ///   - truth: the true labels; each must be in `classes`.
    ///   - probabilities: rows × classes; column `j` is the probability of `classes[j]`, in [0, 1].
    ///   - classes: the label of each column, distinct.
    /// - Throws: `EvaluationError.invalidInput` for mismatched shapes, unknown labels or probabilities outside [0, 1].
    /// - Complexity: O(n × classes).
    public static func brierScore(
        truth: [Int], probabilities: Matrix<Double>, classes: [Int]
    ) throws(EvaluationError) -> Double {
        try requireMatching(truth.count, "truth", probabilities.rows, "probability rows", metric: "Brier score")
        let column = try columnIndex(classes, columns: probabilities.columns, metric: "Brier score")
        let storage = probabilities.storage
        if let bad = storage.first(where: { !(0 ... 1).contains($0) }) {
            throw .invalidInput("Brier score: probabilities must be in [0, 1]; got \(bad).")
        }
        var total = 0.0
        for (sample, label) in truth.enumerated() {
            guard let own = column[label] else {
                throw .invalidInput("Brier score: sample \(sample) has label \(label), which is not among the classes \(classes).")
            }
            for j in 0 ..< classes.count {
                let outcome: Double = j == own ? 1 : 0
                let p = storage[sample * classes.count + j]
                total += (outcome - p) * (outcome - p)
            }
        }
        return total / Double(truth.count)
    }

    /// The column of each class label; throws unless the labels are distinct and match the column count.
    static func columnIndex(_ classes: [Int], columns: Int, metric: String) throws(EvaluationError) -> [Int: Int] {
        guard classes.count == columns else {
            throw .invalidInput("\(metric): probabilities have \(columns) columns but there are \(classes.count) classes; they must match.")
        }
        var column: [Int: Int] = [:]
        for (index, label) in classes.enumerated() {
            guard column.updateValue(index, forKey: label) == nil else {
                throw .invalidInput("\(metric): classes must be distinct; \(label) appears twice in \(classes).")
            }
        }
        return column
    }
}
