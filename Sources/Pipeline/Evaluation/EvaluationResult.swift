import Evaluation

/// What `workbench evaluate` measured: the `--json` object and `metrics.json` of a report.
///
/// JSON keys: `model`, `algorithm`, `data`, `rows`, `task`, `measured_on`, `time_range` (when timed), `warnings`,
/// `positive` (binary classifiers), `metrics`, `events` (timed 0/1 targets), and with a second model
/// `against` (`model`, `algorithm`, `metrics`, `events`) and `comparison`. `scored` holds the per-row
/// outputs for reports and is not encoded.
public struct EvaluationResult: Sendable, Encodable {
    /// The other model's figures on the same rows.
    public struct Against: Sendable, Encodable {
        public let model: String
        public let algorithm: String
        public let metrics: TaskMetrics
        public let events: EventMetrics?
    }

    /// The oldest and newest evaluated row, ISO 8601 UTC.
    public struct TimeRange: Sendable, Encodable, Equatable {
        public let start: String
        public let end: String
    }

    /// The model as the user named it.
    public let model: String
    public let algorithm: String
    /// The data as the user named it.
    public let data: String
    public let rows: Int
    public let task: EvaluationTask
    /// How it was measured, in one sentence: data, rows, time range, and whether those rows are after the
    /// model's training window.
    public let measuredOn: String
    public let timeRange: TimeRange?
    /// Sentences on figures a user should not trust as they stand (rows inside a model's training window).
    public let warnings: [String]
    /// The positive class of a binary classifier.
    public let positive: String?
    public let metrics: TaskMetrics
    public let events: EventMetrics?
    public let against: Against?
    public let comparison: ModelComparison?
    /// The candidate first, then the model it was compared against; not encoded.
    public let scored: [ScoredModel]
    /// Row times (epoch seconds), groups and incident kinds as read, aligned with the rows; not encoded.
    public let times: [Double]?
    public let groups: [String]?
    public let kinds: [String]?
    /// Row indices ordered by (group, time, input order), input order without times; not encoded.
    public let order: [Int]
    /// Days the rows cover: each group's span plus one row interval, averaged over groups; nil without
    /// times; not encoded.
    public let days: Double?

    enum CodingKeys: String, CodingKey {
        case model, algorithm, data, rows, task, positive, metrics, events, against, comparison
        case warnings
        case measuredOn = "measured_on", timeRange = "time_range"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(algorithm, forKey: .algorithm)
        try container.encode(data, forKey: .data)
        try container.encode(rows, forKey: .rows)
        try container.encode(task, forKey: .task)
        try container.encode(measuredOn, forKey: .measuredOn)
        try container.encodeIfPresent(timeRange, forKey: .timeRange)
        try container.encode(warnings, forKey: .warnings)
        try container.encodeIfPresent(positive, forKey: .positive)
        try container.encode(metrics, forKey: .metrics)
        try container.encodeIfPresent(events, forKey: .events)
        try container.encodeIfPresent(against, forKey: .against)
        try container.encodeIfPresent(comparison, forKey: .comparison)
    }

    /// Every scalar figure by name, for gates, job metrics and the nightly job: the task's metrics
    /// (`roc_auc`, `r2`, …), event figures as `event_recall`, `event_median_delay_seconds`,
    /// `false_alerts_per_group_day`, and the comparison as `comparison_difference`, `comparison_ci_low`,
    /// `comparison_ci_high`. Undefined figures are left out.
    public var flatMetrics: [String: Double] {
        var values = metrics.flattened
        if let events {
            values["event_total"] = Double(events.total)
            values["event_detected"] = Double(events.detected)
            values["event_recall"] = events.recall
            values["event_median_delay_seconds"] = events.medianDelaySeconds
            values["false_alerts_per_group_day"] = events.falseAlertsPerGroupDay
        }
        if let comparison {
            values["comparison_difference"] = comparison.difference
            values["comparison_ci_low"] = comparison.ciLow
            values["comparison_ci_high"] = comparison.ciHigh
        }
        return values.filter { $0.value.isFinite }
    }
}
