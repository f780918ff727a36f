import Datasets
import Evaluation
import ModelStore

// Held-out measurement for `train --validation`.
// Goals, in order: no leakage (each split's model sees only its training rows; time-ordered strategies never
// train on a row later than one they test) → every figure labelled with how it was measured → deterministic.

/// Measures a training request on rows its models did not see.
enum ModelValidation {
    /// Trains `request` (without validation) on each split's training rows, evaluates it on the split's test
    /// rows with `ModelEvaluation`, and averages each figure over the splits.
    /// - Parameters:
    ///   - times: the rows' times (epoch seconds) from the request's time column; nil orders `kfold` by row.
    /// - Returns: `validation_<figure>` means over the splits, incident counts summed (figures undefined in
    ///   some split are left out)
    ///   and the record of how they were measured.
    /// - Throws: `EvaluationError` when the rows cannot be split as asked; training and evaluation errors of a split.
    static func measure(
        _ request: TrainingRequest, strategy: ValidationStrategy, on dataset: Dataset, source: String, times: [Double]?
    ) throws -> (metrics: [String: Double], record: ValidationRecord) {
        let splits = try strategy.splits(times: times ?? (0 ..< dataset.rowCount).map(Double.init))
        var inner = request
        inner.validation = nil
        var figures: [[String: Double]] = []
        var labels: [String] = []
        for split in splits {
            guard !split.split.train.isEmpty, !split.split.test.isEmpty else {
                throw PipelineError.unsuitableData(
                    "Validation \(strategy): split \(split.fold) of \(split.folds) has no training or no test rows.")
            }
            let foldSource = "\(source) (validation split \(split.fold) of \(split.folds))"
            let trained = try ModelTraining.train(inner, on: dataset.selectingRows(split.split.train), source: foldSource)
            let result = try ModelEvaluation.evaluate(
                candidate: (trained.model, trained.metadata, "split \(split.fold)"), baseline: nil,
                on: dataset.selectingRows(split.split.test), source: foldSource,
                options: .init(target: request.target!, time: request.time, group: request.group,
                               threads: request.hyperparameters.threads))
            figures.append(result.flatMetrics.filter { !$0.key.hasPrefix("comparison_") })
            labels.append(times == nil ? rowLabel(split) : split.measuredOn)
        }
        var metrics: [String: Double] = [:]
        for key in Set(figures.flatMap(\.keys)) where figures.allSatisfy({ $0[key] != nil }) {
            let total = figures.map { $0[key]! }.reduce(0, +)
            metrics["validation_" + key] = countedFigures.contains(key) ? total : total / Double(figures.count)
        }
        let record = ValidationRecord(
            strategy: strategy.description, summary: strategy.summary, timeOrdered: strategy.isTimeOrdered,
            measuredOn: labels, testRows: splits.reduce(0) { $0 + $1.split.test.count },
            aggregation: splits.count == 1 ? "one split" : "mean over \(splits.count) splits")
        return (metrics, record)
    }

    /// Counts, summed over the splits rather than averaged.
    static let countedFigures: Set<String> = ["event_total", "event_detected"]

    /// The `kfold` label without a time column: row positions instead of times.
    private static func rowLabel(_ split: ValidationSplit) -> String {
        let test = split.split.test
        return "fold \(split.fold) of \(split.folds): tested on rows \(test.first! + 1)…\(test.last! + 1) "
            + "(\(test.count) rows, file order), trained on the other \(split.split.train.count) rows"
    }

    /// The validation figure `models list` headlines: ranking quality for labels, R² for regression.
    static func keyMetric(in metrics: [String: Double], algorithm: ModelAlgorithm) -> String? {
        let preferred = switch EvaluationTask(algorithm) {
        case .classification: ["validation_roc_auc", "validation_accuracy"]
        case .anomaly: ["validation_roc_auc", "validation_average_precision"]
        case .regression: ["validation_r2"]
        }
        return preferred.first { metrics[$0] != nil }
    }

    /// The training window as lineage records it: the oldest row's time (inclusive) and the newest row's
    /// time plus one row interval (exclusive; the median step between distinct times, else one second).
    static func window(_ times: [Double]) -> (start: String, end: String) {
        let distinct = Array(Set(times)).sorted()
        let steps = zip(distinct.dropFirst(), distinct).map { $0 - $1 }.sorted()
        let step = steps.isEmpty ? 1 : steps[steps.count / 2]
        return (TimeColumn.iso(distinct.first ?? 0), TimeColumn.iso((distinct.last ?? 0) + step))
    }
}
