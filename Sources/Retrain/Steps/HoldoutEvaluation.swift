import Datasets
import Evaluation
import ModelStore
import NumericCore
import Pipeline
import Reports

/// One model measured on a run's hold-out: the flat metric keys the gates read, and the report's plot inputs.
///
/// The one place the nightly job scores a model on rows it never trained on. Candidate and production
/// go through it on the same rows, so their figures compare. Metrics are those of `workbench evaluate`
/// (sklearn's definitions) plus the event metrics (`event_recall`, `median_delay_seconds`,
/// `false_alerts_per_group_day`, `alert_episodes_per_group_day`); an undefined metric (no incident in the
/// hold-out) is left out, so a gate on it fails rather than passes.
public struct HoldoutEvaluation: Sendable {
    /// Metric key → value, measured on the hold-out.
    public let metrics: [String: Double]
    /// Plot inputs for the run's report page.
    public let plots: Plots
    /// Hold-out rows scored.
    public let rows: Int

    /// Scores `model` on `split.holdout` and measures it.
    /// - Parameters:
    ///   - target: the label or regression target column; nil for a detector without labels.
    ///   - time, group: the spec's time and group columns, for the event metrics.
    /// - Throws: `PipelineError`, `DatasetError`, `EvaluationError` when the hold-out does not fit the model.
    /// - Complexity: O(rows × trees × depth) to score, O(rows log rows) to measure.
    public static func measure(
        _ model: TrainedModel, metadata: ModelMetadata, holdout: Dataset, source: String, target: String?,
        time: String, group: String
    ) throws -> HoldoutEvaluation {
        let predictions = try ModelScoring.predict(model, metadata: metadata, on: holdout, source: source,
                                                   options: ModelScoring.Options(topFeatures: 0))
        let times = numeric(holdout, time) ?? []
        let groups = holdout.textValues(of: group)?.map { $0 ?? "" } ?? Array(repeating: "", count: holdout.rowCount)
        let kinds = holdout.textValues(of: "incident_kind")?.map { $0 ?? "" }
        let outputs = predictions.dataset
        var metrics: [String: Double] = [:]
        let plots: Plots
        switch model {
        case .randomForestClassifier(let forest):
            guard let target, let truthValues = numeric(holdout, target) else {
                throw PipelineError.unsuitableData("\(source): the hold-out has no numeric target column '\(target ?? "")'.")
            }
            let truth = truthValues.map { Int($0) }
            let classes = try forest.classNames.map { name in
                guard let label = Int(name) else {
                    throw PipelineError.unsuitableData("Classifier classes must be integer labels to be gated; got '\(name)'.")
                }
                return label
            }
            var storage: [Double] = []
            let columns = forest.classNames.map { numeric(outputs, "probability_\($0)") ?? [] }
            storage.reserveCapacity(holdout.rowCount * classes.count)
            // Weighted tree averages can leave a probability a rounding error outside [0, 1] (-6e-18 seen with
            // class_weight: balanced); log loss refuses those, so clamp what is within 1e-9 of a bound.
            for row in 0 ..< holdout.rowCount {
                for column in columns {
                    let value = column[row]
                    storage.append(value < 0 && value > -1e-9 ? 0 : value > 1 && value < 1 + 1e-9 ? 1 : value)
                }
            }
            let probabilities = try Matrix<Double>(rows: holdout.rowCount, columns: classes.count, storage: storage)
            let measured = try ClassificationMetrics.compute(truth: truth, probabilities: probabilities, classes: classes)
            metrics.merge(flat(measured), uniquingKeysWith: { $1 })
            let predicted = (outputs.textValues(of: "prediction") ?? []).map { $0 == "1" ? 1 : 0 }
            let events = try EventMetrics.compute(groups: groups, times: times, truth: truth.map { $0 == 1 ? 1 : 0 },
                                                  alerts: predicted, kinds: kinds)
            metrics.merge(flat(events, labelled: true), uniquingKeysWith: { $1 })
            plots = .classification(ClassificationPlots(
                confusionLabels: forest.classNames, confusionCounts: measured.confusionMatrix))
        case .randomForestRegressor:
            guard let target, let truth = numeric(holdout, target) else {
                throw PipelineError.unsuitableData("\(source): the hold-out has no numeric target column '\(target ?? "")'.")
            }
            let predicted = numeric(outputs, "prediction") ?? []
            let measured = try RegressionMetrics.compute(truth: truth, predictions: predicted)
            metrics = ["mae": measured.mae, "rmse": measured.rmse, "r2": measured.r2, "mape": measured.mape]
            let residuals = zip(truth, predicted).map { $0 - $1 }
            plots = .regression(RegressionPlots(
                target: AxisLabel(target),
                forecasts: [.init(group: groups.first ?? "", times: times, actual: truth, predicted: predicted)],
                residuals: BinnedCounts(values: residuals, binCount: 30)))
        case .isolationForest, .extendedIsolationForest:
            let scores = numeric(outputs, "anomaly_score") ?? []
            let alerts = (numeric(outputs, "is_anomaly") ?? []).map { $0 == 1 ? 1 : 0 }
            let labels = target.flatMap { numeric(holdout, $0) }?.map { $0 != 0 ? 1 : 0 }
            if let labels {
                let measured = try AnomalyMetrics.compute(truth: labels, scores: scores)
                metrics["roc_auc"] = measured.rocAUC
                metrics["average_precision"] = measured.averagePrecision
                metrics["precision_at_k"] = measured.precisionAtK
            }
            let events = try EventMetrics.compute(
                groups: groups, times: times, truth: labels ?? Array(repeating: 0, count: scores.count),
                alerts: alerts, kinds: kinds)
            metrics.merge(flat(events, labelled: labels != nil), uniquingKeysWith: { $1 })
            let alertTimes = zip(times, alerts).filter { $0.1 == 1 }.map(\.0)
            let levels = metadata.thresholds.alertLevels(on: "anomaly_score").map { ReferenceLine(name: $0.name, value: $0.value) }
            plots = .anomaly(AnomalyPlots(
                scoreHistogram: BinnedCounts(values: scores, binCount: 30), levels: levels,
                groups: [.init(group: groups.first ?? "", times: times, scores: scores,
                               incidents: incidents(times: times, labels: labels), alerts: alertTimes)]))
        }
        return HoldoutEvaluation(metrics: metrics.filter { $0.value.isFinite }, plots: plots, rows: holdout.rowCount)
    }

    private static func numeric(_ dataset: Dataset, _ name: String) -> [Double]? {
        guard case .numeric(let values)? = dataset.column(named: name)?.data else { return nil }
        return values
    }

    private static func flat(_ metrics: ClassificationMetrics) -> [String: Double] {
        var values = [
            "accuracy": metrics.accuracy, "balanced_accuracy": metrics.balancedAccuracy, "precision": metrics.precision,
            "recall": metrics.recall, "f1": metrics.f1, "log_loss": metrics.logLoss, "brier_score": metrics.brierScore,
        ]
        values["roc_auc"] = metrics.rocAUC
        values["average_precision"] = metrics.averagePrecision
        return values
    }

    /// Event metrics; false alerts only when labels say which alerts were false.
    private static func flat(_ events: EventMetrics, labelled: Bool) -> [String: Double] {
        var values: [String: Double] = [:]
        values["alert_episodes_per_group_day"] = events.alertEpisodesPerGroupDay
        guard labelled else { return values }
        values["false_alerts_per_group_day"] = events.falseAlertsPerGroupDay
        values["event_recall"] = events.recall
        values["median_delay_seconds"] = events.medianDelaySeconds
        return values
    }

    /// Runs of labelled rows as shaded intervals.
    private static func incidents(times: [Double], labels: [Int]?) -> [ShadedInterval] {
        guard let labels else { return [] }
        var intervals: [ShadedInterval] = []
        var start: Double?
        for (index, label) in labels.enumerated() {
            if label == 1, start == nil { start = times[index] }
            if label == 0, let open = start {
                intervals.append(ShadedInterval(start: open, end: times[index]))
                start = nil
            }
        }
        if let open = start, let last = times.last { intervals.append(ShadedInterval(start: open, end: last)) }
        return intervals
    }
}
