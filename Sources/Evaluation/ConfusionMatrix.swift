/// Counts of (true label, predicted label) pairs, with the per-class scores derived from them.
///
/// Row `i` is true label `labels[i]`, column `j` predicted label `labels[j]`,
/// as scikit-learn's `confusion_matrix`. Precision, recall and F1 of a class
/// with no predicted (or no true) samples are 0, sklearn's `zero_division` default.
public struct ConfusionMatrix: Sendable, Equatable {
    /// The labels in row and column order.
    public let labels: [Int]
    /// `counts[i][j]`: samples whose true label is `labels[i]` and predicted label `labels[j]`.
    public let counts: [[Int]]

    /// Counts `truth` against `predicted`.
    /// - Parameters:
    ///   - truth: the true labels.
    ///   - predicted: the predicted labels, one per true label.
    ///   - labels: the labels to count, in order; default `nil` means every label seen in
    ///     either array, ascending. Pairs involving other labels are not counted.
    /// - Throws: `EvaluationError.invalidInput` for empty or mismatched arrays or repeated labels.
    /// - Complexity: O(n + k²) for k labels.
    public init(truth: [Int], predicted: [Int], labels: [Int]? = nil) throws(EvaluationError) {
        try Metrics.requireMatching(truth.count, "truth", predicted.count, "predicted", metric: "Confusion matrix")
        let labels = labels ?? Set(truth).union(predicted).sorted()
        var position: [Int: Int] = [:]
        for (index, label) in labels.enumerated() {
            guard position.updateValue(index, forKey: label) == nil else {
                throw .invalidInput("Confusion matrix labels must be distinct; \(label) appears twice.")
            }
        }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for (actual, guess) in zip(truth, predicted) {
            if let row = position[actual], let column = position[guess] { counts[row][column] += 1 }
        }
        self.labels = labels
        self.counts = counts
    }

    /// The number of samples counted.
    public var total: Int { counts.joined().reduce(0, +) }

    /// The fraction of counted samples on the diagonal.
    public var accuracy: Double {
        total == 0 ? 0 : Double(labels.indices.reduce(0) { $0 + counts[$1][$1] }) / Double(total)
    }

    /// True positives, false positives and false negatives for `label` (zeros if it is not counted).
    func outcomes(of label: Int) -> (truePositives: Int, falsePositives: Int, falseNegatives: Int) {
        guard let index = labels.firstIndex(of: label) else { return (0, 0, 0) }
        let hits = counts[index][index]
        let predicted = labels.indices.reduce(0) { $0 + counts[$1][index] }
        let actual = counts[index].reduce(0, +)
        return (hits, predicted - hits, actual - hits)
    }

    /// Of the samples predicted as `label`, the fraction that truly are; 0 when none is predicted.
    public func precision(of label: Int) -> Double {
        let (tp, fp, _) = outcomes(of: label)
        return tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
    }

    /// Of the samples that truly are `label`, the fraction predicted as it; 0 when there are none.
    public func recall(of label: Int) -> Double {
        let (tp, _, fn) = outcomes(of: label)
        return tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
    }

    /// The harmonic mean of precision and recall for `label`, `2tp / (2tp + fp + fn)`; 0 when undefined.
    public func f1(of label: Int) -> Double {
        let (tp, fp, fn) = outcomes(of: label)
        return tp == 0 ? 0 : Double(2 * tp) / Double(2 * tp + fp + fn)
    }

    /// The mean over labels with at least one true sample of their recall (sklearn's `balanced_accuracy_score`,
    /// `adjusted=False`); labels that are only predicted do not count; 0 when nothing is counted.
    public var balancedAccuracy: Double {
        let present = labels.indices.filter { counts[$0].reduce(0, +) > 0 }
        guard !present.isEmpty else { return 0 }
        return present.reduce(0.0) { $0 + recall(of: labels[$1]) } / Double(present.count)
    }

    /// The unweighted mean over labels of precision (sklearn's `average="macro"`).
    public var macroPrecision: Double { macro(precision(of:)) }
    /// The unweighted mean over labels of recall (sklearn's `average="macro"`).
    public var macroRecall: Double { macro(recall(of:)) }
    /// The unweighted mean over labels of F1 (sklearn's `average="macro"`).
    public var macroF1: Double { macro(f1(of:)) }

    private func macro(_ score: (Int) -> Double) -> Double {
        labels.isEmpty ? 0 : labels.reduce(0.0) { $0 + score($1) } / Double(labels.count)
    }
}
