import Datasets
import Forests
import ModelStore
import NumericCore

/// A model's outputs for every input row, as the columns `predict` writes.
struct Predictions {
    /// The output table, one row per input row in input order.
    let dataset: Dataset
    /// Seconds spent explaining flagged rows (detectors), for `PhaseTimings`.
    private(set) var explainSeconds = 0.0

    /// Runs `model` on `matrix` (columns in the model's feature order).
    /// - Throws: `ForestError` when the matrix does not fit the model.
    init(model: TrainedModel, matrix: Matrix<Float>, features: [String], topFeatures: Int, threads: Int?) throws {
        var columns: [Column]
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
        case .isolationForest(let forest):
            let scores = try forest.scores(matrix, threads: threads)
            (columns, explainSeconds) = try Self.anomalyColumns(scores: scores, thresholds: forest.thresholds, features: features,
                                              top: topFeatures) { rows, count throws(ForestError) in
                try forest.topContributions(of: matrix, rows: rows, count: count, threads: threads)
            }
        case .extendedIsolationForest(let forest):
            let scores = try forest.scores(matrix, threads: threads)
            (columns, explainSeconds) = try Self.anomalyColumns(scores: scores, thresholds: forest.thresholds, features: features,
                                              top: topFeatures) { rows, count throws(ForestError) in
                try forest.topContributions(of: matrix, rows: rows, count: count, threads: threads)
            }
        }
        dataset = try Dataset(columns: columns)
    }

    /// Score, flag, level and, for flagged rows only, the features that isolated the row.
    private static func anomalyColumns(
        scores: [Double], thresholds: AnomalyThresholds, features: [String], top: Int,
        explain: ([Int], Int) throws(ForestError) -> [[FeatureContribution]]
    ) throws -> (columns: [Column], explainSeconds: Double) {
        var flags: [Double] = []
        var levels: [String?] = []
        var explanations = [String?](repeating: nil, count: scores.count)
        var flagged: [Int] = []
        flags.reserveCapacity(scores.count)
        for (row, score) in scores.enumerated() {
            let isFlagged = thresholds.isAnomaly(score)
            flags.append(isFlagged ? 1 : 0)
            levels.append(thresholds.level(for: score)?.name)
            if isFlagged { flagged.append(row) }
        }
        let clock = ContinuousClock()
        let start = clock.now
        if top > 0, !flagged.isEmpty {
            for (row, contributions) in zip(flagged, try explain(flagged, min(top, features.count))) {
                explanations[row] = contributions.map { "\(features[$0.feature]):\(formatShare($0.share))" }
                    .joined(separator: ";")
            }
        }
        let columns = [
            Column(name: "anomaly_score", data: .numeric(scores)),
            Column(name: "is_anomaly", data: .numeric(flags)),
            Column(name: "level", data: .text(levels)),
            Column(name: "top_features", data: .text(explanations)),
        ]
        return (columns, PhaseTimings.seconds(clock.now - start))
    }

    private static func formatShare(_ share: Double) -> String {
        "\((share * 1000).rounded() / 1000)"
    }
}
