import Datasets
import Forests
import ModelStore
import NumericCore

/// A model's outputs for every input row, as the columns `predict` writes.
///
/// Classifier: `prediction`, `probability_<class>`; regressor: `prediction`, `prediction_std` (and
/// `prediction_low`, `prediction_high` with an interval; `forecast_for` for a forecasting model);
/// detectors: `anomaly_score`, `is_anomaly` (1 when the row reaches an alert level, `score ≥ value`),
/// `level` (the highest alert level reached), `top_features` (flagged rows only).
public struct Predictions: Sendable {
    /// The output table, one row per input row in input order (kept input columns first).
    public let dataset: Dataset
    /// The model's algorithm.
    public let algorithm: ModelAlgorithm
    /// Seconds spent explaining flagged rows (detectors), part of the scoring time.
    public private(set) var explainSeconds = 0.0

    /// Runs `model` on `matrix` (columns in the model's feature order).
    /// - Parameters:
    ///   - levels: the model's threshold levels (detectors apply the alert levels).
    ///   - topFeatures: features listed per flagged row (detectors), ≥ 0.
    ///   - interval: regressors: the central share of the trees' predictions as `prediction_low`/`prediction_high`.
    /// - Throws: `ForestError` when the matrix does not fit the model.
    init(
        model: TrainedModel, matrix: Matrix<Float>, features: [String], levels: [ThresholdLevel], topFeatures: Int,
        threads: Int?, interval: Double? = nil
    ) throws {
        var columns: [Column]
        algorithm = model.algorithm
        switch model {
        case .randomForestClassifier(let forest):
            let probabilities = try forest.predictProbabilities(matrix, threads: threads)
            let predicted = RandomForestClassifier.classes(fromProbabilities: probabilities)
            columns = [Column(name: "prediction", data: .text(predicted.map { forest.classNames[$0] }))]
            for (index, name) in forest.classNames.enumerated() {
                columns.append(Column(name: "probability_\(name)", data: .numeric(probabilities.column(index))))
            }
        case .randomForestRegressor(let forest):
            let (mean, spread) = try forest.predictWithSpread(matrix, threads: threads)
            columns = [Column(name: "prediction", data: .numeric(mean)),
                       Column(name: "prediction_std", data: .numeric(spread))]
            if let interval {
                let bounds = try forest.predictQuantiles(matrix, levels: [(1 - interval) / 2, (1 + interval) / 2],
                                                         threads: threads)
                columns += [Column(name: "prediction_low", data: .numeric(bounds[0])),
                            Column(name: "prediction_high", data: .numeric(bounds[1]))]
            }
        case .isolationForest(let forest):
            let scores = try forest.scores(matrix, threads: threads)
            (columns, explainSeconds) = try Self.anomalyColumns(
                scores: scores, levels: levels, features: features, top: topFeatures
            ) { rows, count throws(ForestError) in
                try forest.topContributions(of: matrix, rows: rows, count: count, threads: threads)
            }
        case .extendedIsolationForest(let forest):
            let scores = try forest.scores(matrix, threads: threads)
            (columns, explainSeconds) = try Self.anomalyColumns(
                scores: scores, levels: levels, features: features, top: topFeatures
            ) { rows, count throws(ForestError) in
                try forest.topContributions(of: matrix, rows: rows, count: count, threads: threads)
            }
        }
        dataset = try Dataset(columns: columns)
    }

    /// The same outputs after the input columns `kept`.
    /// - Throws: `PipelineError.invalidRequest` when a kept column has an output column's name.
    func keeping(_ kept: [Column]) throws -> Predictions {
        guard !kept.isEmpty else { return self }
        if let clash = kept.first(where: { dataset.column(named: $0.name) != nil }) {
            throw PipelineError.invalidRequest(
                "--keep-columns '\(clash.name)' has the name of an output column; rename it in the input.")
        }
        return Predictions(dataset: try Dataset(columns: kept + dataset.columns), algorithm: algorithm,
                           explainSeconds: explainSeconds)
    }

    /// The same outputs with `column` after them.
    func appending(_ column: Column) throws -> Predictions {
        Predictions(dataset: try Dataset(columns: dataset.columns + [column]), algorithm: algorithm,
                    explainSeconds: explainSeconds)
    }

    private init(dataset: Dataset, algorithm: ModelAlgorithm, explainSeconds: Double) {
        self.dataset = dataset
        self.algorithm = algorithm
        self.explainSeconds = explainSeconds
    }

    /// Score, flag, level and, for flagged rows only, the features that isolated the row.
    private static func anomalyColumns(
        scores: [Double], levels: [ThresholdLevel], features: [String], top: Int,
        explain: ([Int], Int) throws(ForestError) -> [[FeatureContribution]]
    ) throws -> (columns: [Column], explainSeconds: Double) {
        var flags: [Double] = []
        var reached: [String?] = []
        var explanations = [String?](repeating: nil, count: scores.count)
        var flagged: [Int] = []
        flags.reserveCapacity(scores.count)
        let alerts = levels.alertLevels(on: "anomaly_score")
        for (row, score) in scores.enumerated() {
            let level = alerts.last { $0.isReached(by: score) }
            flags.append(level == nil ? 0 : 1)
            reached.append(level?.name)
            if level != nil { flagged.append(row) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        if top > 0, !flagged.isEmpty {
            // One batch call: explanations cost about what scoring costs (see Forests' README).
            let text = ExplanationText(features: features)
            for (row, contributions) in zip(flagged, try explain(flagged, min(top, features.count))) {
                explanations[row] = text.text(contributions)
            }
        }
        let (seconds, attoseconds) = (clock.now - start).components
        let columns = [
            Column(name: "anomaly_score", data: .numeric(scores)),
            Column(name: "is_anomaly", data: .numeric(flags)),
            Column(name: "level", data: .text(reached)),
            Column(name: "top_features", data: .text(explanations)),
        ]
        return (columns, Double(seconds) + Double(attoseconds) * 1e-18)
    }
}
