import Datasets
import Evaluation
import ModelStore
import NumericCore

/// One model's outputs on the evaluation rows and its metrics: what the JSON reports and the report draws.
///
/// Arrays are aligned with the input rows, in input order.
public struct ScoredModel: Sendable {
    /// The model as the user named it (file path or `NAME@REF`).
    public let name: String
    /// The model's metadata (features, threshold levels, training lineage).
    public let metadata: ModelMetadata
    /// The task measured.
    public let task: EvaluationTask
    /// The metrics, exactly as scikit-learn defines them.
    public let metrics: TaskMetrics
    /// Binary truth (1 = positive class or anomaly); nil for regression and multiclass targets.
    public let binaryTruth: [Int]?
    /// Higher = more positive: the positive-class probability (binary classifier) or the anomaly score.
    public let scores: [Double]?
    /// 1 when the model alerts on the row: predicted positive class (classifier) or `is_anomaly` (detector).
    public let alerts: [Int]?
    /// Numeric truth and predictions with their per-tree spread (regression).
    public let numericTruth: [Double]?
    public let predictions: [Double]?
    public let predictionSpread: [Double]?
    /// Classifiers: class names in probability-column order, true and predicted class indices, probabilities.
    public let classNames: [String]?
    public let truthClasses: [Int]?
    public let predictedClasses: [Int]?
    /// Impurity importances per feature, in `metadata.features` order (Random Forests).
    public let importances: [Double]?
    /// Regressors evaluated with an interval: the fraction of rows whose actual value lies within
    /// [`prediction_low`, `prediction_high`] (bounds included); nil otherwise.
    public internal(set) var intervalCoverage: Double? = nil
    /// The interval's central share of the trees' predictions (e.g. 0.8) when `intervalCoverage` was measured.
    public internal(set) var intervalShare: Double? = nil
}

/// The metrics of one task, encoded as the task's metric set.
public enum TaskMetrics: Sendable, Equatable, Encodable {
    case classification(ClassificationMetrics)
    case regression(RegressionMetrics)
    case anomaly(AnomalyMetrics)

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .classification(let metrics): try metrics.encode(to: encoder)
        case .regression(let metrics): try metrics.encode(to: encoder)
        case .anomaly(let metrics): try metrics.encode(to: encoder)
        }
    }

    /// The scalar metrics by their JSON names (undefined ones left out), for gates and dashboards.
    public var flattened: [String: Double] {
        var values: [String: Double?]
        switch self {
        case .classification(let m):
            values = ["accuracy": m.accuracy, "balanced_accuracy": m.balancedAccuracy, "precision": m.precision,
                      "recall": m.recall, "f1": m.f1, "roc_auc": m.rocAUC, "average_precision": m.averagePrecision,
                      "log_loss": m.logLoss, "brier_score": m.brierScore]
        case .regression(let m):
            values = ["mae": m.mae, "rmse": m.rmse, "r2": m.r2, "mape": m.mape]
        case .anomaly(let m):
            values = ["roc_auc": m.rocAUC, "average_precision": m.averagePrecision, "precision_at_k": m.precisionAtK]
        }
        return values.compactMapValues { $0 }.filter { $0.value.isFinite }
    }
}

extension ScoredModel {
    /// Scores `dataset` with `model` and measures it against the target column; `features` are the model's feature
    /// columns of `context` when already computed (see `ModelScoring.predict`).
    /// - Throws: `DatasetError` for a missing or unreadable target; `PipelineError.unsuitableData` for
    ///   labels the model does not know or a non-0/1 detector label; `PipelineError.invalidRequest` for a
    ///   `--positive` class the classifier lacks; scoring errors as `ModelScoring.predict`.
    static func score(
        _ model: TrainedModel, metadata: ModelMetadata, name: String, on context: Dataset, measuring rows: [Int]? = nil,
        features: Dataset? = nil, source: String, options: ModelEvaluation.Options
    ) throws -> ScoredModel {
        // Features read the whole context (history included); only the measured rows are compared with the truth.
        let dataset = rows.map { context.selectingRows($0) } ?? context
        guard let target = dataset.column(named: options.target) else {
            throw DatasetError.missingColumn(name: options.target, source: source, available: dataset.columnNames)
        }
        var scoring = ModelScoring.Options(topFeatures: 0, threads: options.threads)
        scoring.interval = options.interval
        scoring.rows = rows
        let output = try ModelScoring.predict(model, metadata: metadata, on: context, features: features, source: source,
                                              options: scoring).dataset
        let task = EvaluationTask(model.algorithm)
        func numbers(_ column: String) -> [Double] {
            guard case .numeric(let values)? = output.column(named: column)?.data else { return [] }
            return values
        }
        switch model {
        case .randomForestClassifier(let forest):
            return try classification(metadata, forest.classNames, forest.featureImportances, name: name, target: target,
                                      output: output, source: source, positive: options.positive)
        case .randomForestRegressor(let forest):
            let truth = try numericTarget(target, source: source)
            let predicted = numbers("prediction")
            let metrics = try RegressionMetrics.compute(truth: truth, predictions: predicted)
            var coverage: Double?
            if options.interval != nil {
                let inside = zip(truth, zip(numbers("prediction_low"), numbers("prediction_high")))
                    .filter { $0.1.0 <= $0.0 && $0.0 <= $0.1.1 }.count
                coverage = Double(inside) / Double(truth.count)
            }
            return ScoredModel(
                name: name, metadata: metadata, task: task, metrics: .regression(metrics), binaryTruth: nil,
                scores: nil, alerts: nil, numericTruth: truth, predictions: predicted,
                predictionSpread: numbers("prediction_std"), classNames: nil, truthClasses: nil, predictedClasses: nil,
                importances: forest.featureImportances, intervalCoverage: coverage,
                intervalShare: coverage == nil ? nil : options.interval)
        case .isolationForest, .extendedIsolationForest:
            let truth = try binaryTarget(target, source: source)
            let scores = numbers("anomaly_score")
            let metrics = try AnomalyMetrics.compute(truth: truth, scores: scores)
            return ScoredModel(
                name: name, metadata: metadata, task: task, metrics: .anomaly(metrics), binaryTruth: truth,
                scores: scores, alerts: numbers("is_anomaly").map { $0 == 1 ? 1 : 0 }, numericTruth: nil,
                predictions: nil, predictionSpread: nil, classNames: nil, truthClasses: nil, predictedClasses: nil,
                importances: nil)
        }
    }

    private static func classification(
        _ metadata: ModelMetadata, _ classNames: [String], _ importances: [Double], name: String, target: Column,
        output: Dataset, source: String, positive: String?
    ) throws -> ScoredModel {
        let index = Dictionary(classNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let truthNames = try labelTexts(target, source: source)
        let truth = try truthNames.enumerated().map { row, label in
            guard let value = index[label] else {
                throw PipelineError.unsuitableData(
                    "\(source) line \(row + 2): '\(target.name)' is '\(label)', a class \(name) was not trained on "
                    + "(it knows \(classNames.joined(separator: ", "))).")
            }
            return value
        }
        guard case .text(let predictedNames)? = output.column(named: "prediction")?.data else {
            throw PipelineError.unsuitableData("\(name) produced no class predictions.")
        }
        let predicted = predictedNames.map { index[$0 ?? ""] ?? 0 }
        var probabilities = Matrix<Double>(rows: truth.count, columns: classNames.count)
        for (column, className) in classNames.enumerated() {
            guard case .numeric(let values)? = output.column(named: "probability_\(className)")?.data else { continue }
            for (row, value) in values.enumerated() { probabilities[row, column] = value }
        }
        let integral = classNames.allSatisfy { Int($0) != nil }
        let labels = integral ? classNames.map { Int($0)! } : Array(classNames.indices)
        var positiveIndex: Int?
        if classNames.count == 2 {
            let wanted = positive ?? "1"
            positiveIndex = index[wanted]
            if positiveIndex == nil {
                throw PipelineError.invalidRequest(
                    "The positive class '\(wanted)' is not among \(name)'s classes (\(classNames.joined(separator: ", "))); "
                    + "name one with --positive.")
            }
        } else if let positive, index[positive] == nil {
            throw PipelineError.invalidRequest(
                "The positive class '\(positive)' is not among \(name)'s classes (\(classNames.joined(separator: ", "))).")
        }
        let metrics = try ClassificationMetrics.compute(
            truth: truth.map { labels[$0] }, probabilities: probabilities, classes: labels,
            positive: positiveIndex.map { labels[$0] } ?? 1, predicted: predicted.map { labels[$0] })
        var binaryTruth: [Int]?, scores: [Double]?, alerts: [Int]?
        if let positiveIndex {
            binaryTruth = truth.map { $0 == positiveIndex ? 1 : 0 }
            scores = probabilities.column(positiveIndex)
            alerts = predicted.map { $0 == positiveIndex ? 1 : 0 }
        }
        return ScoredModel(
            name: name, metadata: metadata, task: .classification, metrics: .classification(metrics),
            binaryTruth: binaryTruth, scores: scores, alerts: alerts, numericTruth: nil, predictions: nil,
            predictionSpread: nil, classNames: classNames, truthClasses: truth, predictedClasses: predicted,
            importances: importances)
    }

    /// The target as class names; a missing cell is an error naming its line.
    private static func labelTexts(_ target: Column, source: String) throws -> [String] {
        switch target.data {
        case .numeric(let values):
            if let row = values.firstIndex(where: \.isNaN) { throw missing(target, row: row, source: source) }
            return values.map(Dataset.numberText)
        case .text(let values):
            if let row = values.firstIndex(where: { $0 == nil }) { throw missing(target, row: row, source: source) }
            return values.map { $0! }
        }
    }

    /// The target as numbers (regression).
    static func numericTarget(_ target: Column, source: String) throws -> [Double] {
        guard case .numeric(let values) = target.data else {
            throw DatasetError.invalid("\(source): target column '\(target.name)' holds text; a regressor needs numbers.")
        }
        if let row = values.firstIndex(where: \.isNaN) { throw missing(target, row: row, source: source) }
        return values
    }

    /// The target as 0/1 labels (detectors).
    static func binaryTarget(_ target: Column, source: String) throws -> [Int] {
        guard case .numeric(let values) = target.data else {
            throw DatasetError.invalid("\(source): label column '\(target.name)' must hold 0/1 numbers to evaluate a detector.")
        }
        return try values.enumerated().map { row, value in
            if value.isNaN { throw missing(target, row: row, source: source) }
            guard value == 0 || value == 1 else {
                throw DatasetError.malformed(path: source, line: row + 2, column: target.name,
                                             reason: "the label is \(Dataset.numberText(value)); a detector is measured on 0/1 labels")
            }
            return Int(value)
        }
    }

    private static func missing(_ target: Column, row: Int, source: String) -> DatasetError {
        .malformed(path: source, line: row + 2, column: target.name, reason: "the target is missing")
    }
}
