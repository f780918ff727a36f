import Datasets
import Evaluation
import ModelStore
import Pipeline
import Reports

/// A model measured on a run's hold-out: the flat metric keys the gates read, and the report page.
///
/// Models with a target go through `Pipeline.ModelEvaluation`, the one evaluation path of `workbench evaluate`
/// (sklearn's metric definitions, incident events, a block-bootstrap comparison with production). Its keys are
/// kept, with `median_delay_seconds` and `alert_episodes_per_group_day` named as the gates name them. A detector
/// without a target has no truth to measure: it is scored, and gated on its alert episodes per group and day.
/// An undefined metric (no incident in the hold-out) is left out, so a gate on it fails rather than passes.
public struct HoldoutEvaluation: Sendable {
    /// The candidate's metric key → value, measured on the hold-out.
    public let metrics: [String: Double]
    /// The production version's metrics on the same rows; nil when measured alone.
    public let production: [String: Double]?
    /// The report page's content.
    public let report: EvaluationReport

    /// Scores `candidate` (and `production`) on `window` and measures them on its rows from `holdoutStart` on.
    ///
    /// The training rows before the hold-out are context: a model's feature spec reads them as history (a day of
    /// robust z, last week's residual), but only hold-out rows are measured.
    /// - Parameters:
    ///   - target: the label or regression target column; nil for a detector without labels.
    ///   - time, group: the spec's time and group columns, for the incident events.
    ///   - compareOn: the metric of the comparison with production (the first `max_regression` gate's).
    /// - Throws: `PipelineError`, `DatasetError`, `EvaluationError` when the hold-out does not fit a model.
    /// - Complexity: O(rows × trees × depth) to score, O(resamples × rows) to compare.
    public static func measure(
        _ candidate: (TrainedModel, ModelMetadata, name: String),
        against production: (TrainedModel, ModelMetadata, name: String)? = nil,
        window: Dataset, holdoutStart: Double, source: String, target: String?, time: String, group: String,
        compareOn: String? = nil
    ) throws -> HoldoutEvaluation {
        guard let target else {
            return try unlabelled(candidate, against: production, window: window, holdoutStart: holdoutStart,
                                  source: source, time: time, group: group)
        }
        let options = ModelEvaluation.Options(
            target: target, time: time, group: group,
            eventKind: window.column(named: "incident_kind") == nil ? nil : "incident_kind",
            compareMetric: compareOn.flatMap(ComparisonMetric.init(rawValue:)), measuredFrom: holdoutStart)
        let result = try ModelEvaluation.evaluate(candidate: candidate, baseline: production, on: window, source: source,
                                                  options: options)
        return HoldoutEvaluation(
            metrics: gateKeys(result.metrics.flattened, events: result.events),
            production: result.against.map { gateKeys($0.metrics.flattened, events: $0.events) },
            report: EvaluationReportBuilder.report(for: result))
    }

    /// The task's metrics and the event figures under the names gates use.
    static func gateKeys(_ metrics: [String: Double], events: EventMetrics?) -> [String: Double] {
        var values = metrics
        if let events {
            values["event_recall"] = events.recall
            values["median_delay_seconds"] = events.medianDelaySeconds
            values["false_alerts_per_group_day"] = events.falseAlertsPerGroupDay
            values["alert_episodes_per_group_day"] = events.alertEpisodesPerGroupDay
        }
        return values.filter { $0.value.isFinite }
    }

    /// A detector without labels: its alert episodes per group and day, and its score distribution.
    private static func unlabelled(
        _ candidate: (TrainedModel, ModelMetadata, name: String),
        against production: (TrainedModel, ModelMetadata, name: String)?,
        window: Dataset, holdoutStart: Double, source: String, time: String, group: String
    ) throws -> HoldoutEvaluation {
        guard case .numeric(let windowTimes)? = window.column(named: time)?.data else {
            throw DatasetError.missingColumn(name: time, source: source, available: window.columnNames)
        }
        let measured = windowTimes.indices.filter { windowTimes[$0] >= holdoutStart }
        let holdout = window.selectingRows(measured)
        let times = measured.map { windowTimes[$0] }
        let groups = holdout.textValues(of: group)?.map { $0 ?? "" } ?? Array(repeating: "", count: holdout.rowCount)
        func episodes(_ model: (TrainedModel, ModelMetadata, name: String)) throws -> ([Double], [String: Double]) {
            var options = ModelScoring.Options(topFeatures: 0)
            options.rows = measured
            let outputs = try ModelScoring.predict(model.0, metadata: model.1, on: window, source: source,
                                                   options: options).dataset
            guard case .numeric(let scores)? = outputs.column(named: "anomaly_score")?.data,
                  case .numeric(let flags)? = outputs.column(named: "is_anomaly")?.data else {
                throw PipelineError.invalidRequest("\(model.name) is not a detector: a model without a target must be one.")
            }
            let events = try EventMetrics.compute(groups: groups, times: times, truth: Array(repeating: 0, count: flags.count),
                                                  alerts: flags.map { $0 == 1 ? 1 : 0 })
            var metrics: [String: Double] = [:]
            metrics["alert_episodes_per_group_day"] = events.alertEpisodesPerGroupDay
            return (scores, metrics)
        }
        let (scores, metrics) = try episodes(candidate)
        let levels = candidate.1.thresholds.alertLevels(on: "anomaly_score").map { ReferenceLine(name: $0.name, value: $0.value) }
        let report = EvaluationReport(
            title: "\(candidate.name) on \(source)",
            provenance: ["Measured on \(holdout.rowCount) hold-out rows of \(source) without labels: alert episodes only."],
            plots: .anomaly(AnomalyPlots(scoreHistogram: BinnedCounts(values: scores, binCount: 30), levels: levels)))
        return HoldoutEvaluation(metrics: metrics, production: try production.map { try episodes($0).1 }, report: report)
    }
}
