/// Metrics on predicted labels and predicted probabilities.
extension Metrics {
    /// The fraction of predictions equal to the truth.
    /// - Throws: `EvaluationError.invalidInput` for empty or mismatched arrays.
    /// - Complexity: O(n).
    public static func accuracy(truth: [Int], predicted: [Int]) throws(EvaluationError) -> Double {
        try requireMatching(truth.count, "truth", predicted.count, "predicted", metric: "Accuracy")
        return Double(zip(truth, predicted).count { $0 == $1 }) / Double(truth.count)
    }

    /// Precision, recall and F1 of one class, with its number of true samples.
    public struct ClassScores: Sendable, Equatable {
        /// Of the samples predicted positive, the fraction that are; 0 when none is predicted.
        public let precision: Double
        /// Of the positive samples, the fraction predicted positive; 0 when there are none.
        public let recall: Double
        /// The harmonic mean of precision and recall; 0 when both are 0.
        public let f1: Double
        /// The number of samples whose true label is the positive one.
        public let support: Int
    }

    /// Precision, recall and F1 of `positiveLabel` (sklearn's `average="binary"`).
    /// - Parameters:
    ///   - truth: the true labels.
    ///   - predicted: the predicted labels.
    ///   - positiveLabel: the class scored; default 1 (anomaly, incident).
    /// - Throws: `EvaluationError.invalidInput` for empty or mismatched arrays.
    /// - Complexity: O(n).
    public static func classScores(
        truth: [Int], predicted: [Int], positiveLabel: Int = 1
    ) throws(EvaluationError) -> ClassScores {
        let matrix = try ConfusionMatrix(truth: truth, predicted: predicted)
        return ClassScores(precision: matrix.precision(of: positiveLabel), recall: matrix.recall(of: positiveLabel),
                           f1: matrix.f1(of: positiveLabel), support: truth.count { $0 == positiveLabel })
    }

    /// Mean negative log-likelihood of the truth under predicted positive-class probabilities (binary).
    ///
    /// Probabilities are clipped to [ε, 1 − ε] with ε the Double machine epsilon, as sklearn's `log_loss`.
    /// - Parameters:
    ///   - truth: the true labels.
    ///   - positiveProbabilities: the predicted probability of `positiveLabel` per sample, in [0, 1].
    ///   - positiveLabel: default 1.
    /// - Throws: `EvaluationError.invalidInput` for empty or mismatched arrays or probabilities outside [0, 1].
    /// - Complexity: O(n).
    public static func logLoss(
        truth: [Int], positiveProbabilities: [Double], positiveLabel: Int = 1
    ) throws(EvaluationError) -> Double {
        try requireMatching(truth.count, "truth", positiveProbabilities.count, "probabilities", metric: "Log loss")
        try requireProbabilities(positiveProbabilities)
        var total = 0.0
        for (label, probability) in zip(truth, positiveProbabilities) {
            total -= clippedLog(label == positiveLabel ? probability : 1 - probability)
        }
        return total / Double(truth.count)
    }

    /// Mean negative log-likelihood of the truth under predicted class probabilities (multi-class).
    ///
    /// - Parameters:
    ///   - truth: the true labels; each must be in `classes`.
    ///   - probabilities: one row per sample; column `j` is the probability of `classes[j]`;
    ///     rows must sum to 1 within 1e-6.
    ///   - classes: the label of each probability column, distinct.
    /// - Throws: `EvaluationError.invalidInput` naming the offending sample or shape.
    /// - Complexity: O(n × classes).
    public static func logLoss(
        truth: [Int], probabilities: [[Double]], classes: [Int]
    ) throws(EvaluationError) -> Double {
        try requireMatching(truth.count, "truth", probabilities.count, "probabilities", metric: "Log loss")
        var column: [Int: Int] = [:]
        for (index, label) in classes.enumerated() { column[label] = index }
        guard column.count == classes.count else {
            throw .invalidInput("Log loss: classes must be distinct; got \(classes).")
        }
        var total = 0.0
        for (sample, (label, row)) in zip(truth, probabilities).enumerated() {
            guard row.count == classes.count else {
                throw .invalidInput(
                    "Log loss: sample \(sample) has \(row.count) probabilities; expected one per class (\(classes.count)).")
            }
            try requireProbabilities(row)
            guard abs(row.reduce(0, +) - 1) <= 1e-6 else {
                throw .invalidInput("Log loss: the probabilities of sample \(sample) sum to \(row.reduce(0, +)); expected 1.")
            }
            guard let index = column[label] else {
                throw .invalidInput("Log loss: sample \(sample) has label \(label), which is not among the classes \(classes).")
            }
            total -= clippedLog(row[index])
        }
        return total / Double(truth.count)
    }

    private static func requireProbabilities(_ values: [Double]) throws(EvaluationError) {
        if let bad = values.first(where: { !(0 ... 1).contains($0) }) {
            throw .invalidInput("Log loss: probabilities must be in [0, 1]; got \(bad).")
        }
    }

    private static func clippedLog(_ probability: Double) -> Double {
        naturalLog(min(max(probability, .ulpOfOne), 1 - .ulpOfOne))
    }
}
