import NumericCore

extension ClassificationMetrics {
    /// Computes every classification metric from class probabilities.
    ///
    /// Predicted classes are the most probable column (the first on ties, like numpy's `argmax` and
    /// `RandomForestClassifier.predict`) unless `predicted` is given. Two classes are scored as a binary
    /// problem for `positive`; more classes with macro averages over `classes` (sklearn's `labels=classes`,
    /// so a class never seen nor predicted counts 0).
    /// - Parameters:
    ///   - truth: the true class of each row; each must be in `classes`.
    ///   - probabilities: rows × classes; column `j` is the probability of `classes[j]`, each row summing to 1.
    ///   - classes: the distinct class labels, at least 2, in column order.
    ///   - positive: the positive class of a binary problem; default 1 (incident, anomaly). Ignored for more classes.
    ///   - predicted: the predicted class of each row when the model decides otherwise than by argmax
    ///     (a tuned threshold); default `nil`, argmax.
    /// - Throws: `EvaluationError.invalidInput` naming the bad shape, label or probability.
    /// - Complexity: O(n log n × classes).
    public static func compute(
        truth: [Int], probabilities: Matrix<Double>, classes: [Int], positive: Int = 1, predicted: [Int]? = nil
    ) throws(EvaluationError) -> ClassificationMetrics {
        try Metrics.requireMatching(truth.count, "truth", probabilities.rows, "probability rows", metric: "Classification metrics")
        let column = try Metrics.columnIndex(classes, columns: probabilities.columns, metric: "Classification metrics")
        guard classes.count >= 2 else {
            throw .invalidInput("Classification metrics need at least 2 classes; got \(classes).")
        }
        if let sample = truth.firstIndex(where: { column[$0] == nil }) {
            throw .invalidInput(
                "Classification metrics: row \(sample) has label \(truth[sample]), which is not among the classes \(classes).")
        }
        let isBinary = classes.count == 2
        guard !isBinary || column[positive] != nil else {
            throw .invalidInput("Classification metrics: the positive class \(positive) is not among the classes \(classes).")
        }
        if let predicted, let sample = predicted.firstIndex(where: { column[$0] == nil }) {
            throw .invalidInput(
                "Classification metrics: row \(sample) is predicted as \(predicted[sample]), which is not among the classes \(classes).")
        }
        let predictedLabels = predicted ?? argmax(probabilities, classes: classes)
        let matrix = try ConfusionMatrix(truth: truth, predicted: predictedLabels, labels: classes)
        let rows = probabilities.rows
        let perClass = classes.map { label in
            ClassReport(label: label, precision: matrix.precision(of: label), recall: matrix.recall(of: label),
                        f1: matrix.f1(of: label), support: truth.count { $0 == label })
        }
        let logLoss = try Metrics.logLoss(
            truth: truth, probabilities: (0 ..< rows).map { probabilities.row($0) }, classes: classes)
        if isBinary {
            let scores = probabilities.column(column[positive]!)
            return ClassificationMetrics(
                average: "binary", positive: positive, classes: classes, accuracy: matrix.accuracy,
                balancedAccuracy: matrix.balancedAccuracy, precision: matrix.precision(of: positive),
                recall: matrix.recall(of: positive), f1: matrix.f1(of: positive),
                rocAUC: try? Metrics.rocAUC(truth: truth, scores: scores, positiveLabel: positive),
                averagePrecision: try? Metrics.averagePrecision(truth: truth, scores: scores, positiveLabel: positive),
                logLoss: logLoss,
                brierScore: try Metrics.brierScore(truth: truth, positiveProbabilities: scores, positiveLabel: positive),
                confusionMatrix: matrix.counts, perClass: perClass)
        }
        return ClassificationMetrics(
            average: "macro", positive: nil, classes: classes, accuracy: matrix.accuracy,
            balancedAccuracy: matrix.balancedAccuracy, precision: matrix.macroPrecision, recall: matrix.macroRecall,
            f1: matrix.macroF1,
            rocAUC: oneVersusRest(truth, probabilities, classes, Metrics.rocAUC),
            averagePrecision: oneVersusRest(truth, probabilities, classes, Metrics.averagePrecision),
            logLoss: logLoss,
            brierScore: try Metrics.brierScore(truth: truth, probabilities: probabilities, classes: classes),
            confusionMatrix: matrix.counts, perClass: perClass)
    }

    /// The most probable class of each row; the first column wins ties.
    static func argmax(_ probabilities: Matrix<Double>, classes: [Int]) -> [Int] {
        let storage = probabilities.storage, width = probabilities.columns
        return stride(from: 0, to: storage.count, by: width).map { start in
            var best = 0
            for k in 1 ..< width where storage[start + k] > storage[start + best] { best = k }
            return classes[best]
        }
    }

    /// The unweighted mean over classes of a binary score of each column against the rest (sklearn's
    /// `average='macro'` over `label_binarize(y, classes)`); `nil` when any class's score is undefined.
    private static func oneVersusRest(
        _ truth: [Int], _ probabilities: Matrix<Double>, _ classes: [Int],
        _ score: ([Int], [Double], Int) throws(EvaluationError) -> Double
    ) -> Double? {
        var total = 0.0
        for (index, label) in classes.enumerated() {
            guard let value = try? score(truth, probabilities.column(index), label) else { return nil }
            total += value
        }
        return total / Double(classes.count)
    }
}
