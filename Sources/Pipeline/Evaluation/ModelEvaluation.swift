import Datasets
import Evaluation
import ModelStore

/// Measures a model (and optionally compares it with another) on labelled rows it did not train on:
/// the one evaluation path of `workbench evaluate`, `train --validation` and the nightly job.
public enum ModelEvaluation {
    /// Scores `dataset` with `model` (and `against`), and measures metrics, incident events and the comparison.
    ///
    /// Events are measured when `options.time` is given and the truth is binary (0/1 labels, or a
    /// two-class classifier's positive class): an alert is a predicted positive class (classifier) or
    /// `is_anomaly` (detector, i.e. the row reaches its lowest alert level). The comparison orders rows
    /// by (group, time) first, so bootstrap blocks are consecutive rows of one series.
    /// - Parameters:
    ///   - model: the candidate and the name the user gave it (file path or `NAME@REF`).
    ///   - against: the model to compare with (production), or nil.
    ///   - dataset: the evaluation rows, in memory; they should come after both models' training windows.
    ///   - source: the data's name (file path) for messages and `measured_on`.
    ///   - options: columns, positive class, compared metric, bootstrap.
    /// - Throws: `DatasetError` for missing columns or cells; `PipelineError.invalidRequest` for models of
    ///   incompatible tasks or a metric that does not fit the task; `PipelineError.unsuitableData` for labels
    ///   a model does not know; `EvaluationError` when a metric cannot be computed on the rows.
    /// - Complexity: O(rows × trees × depth) to score, O(resamples × rows) to compare.
    public static func evaluate(
        model: (LoadedModel, name: String), against: (LoadedModel, name: String)? = nil, on dataset: Dataset,
        source: String, options: Options
    ) throws -> EvaluationResult {
        try evaluate(
            candidate: (model.0.model, model.0.metadata, model.name),
            baseline: against.map { ($0.0.model, $0.0.metadata, $0.name) }, on: dataset, source: source, options: options)
    }

    /// Evaluates models that are not (yet) in a file, e.g. a freshly trained `TrainingResult`'s
    /// `(model, metadata, name)` against production: the path of `train --validation` and the nightly job.
    /// See ``evaluate(model:against:on:source:options:)`` for what is measured and thrown.
    public static func evaluate(
        candidate model: (TrainedModel, ModelMetadata, name: String),
        baseline against: (TrainedModel, ModelMetadata, name: String)?, on dataset: Dataset, source: String,
        options: Options
    ) throws -> EvaluationResult {
        guard dataset.rowCount > 0 else { throw DatasetError.invalid("\(source) has a header but no data rows.") }
        if let record = model.1.forecast ?? against?.1.forecast {
            return try evaluateForecast(record, candidate: model, baseline: against, on: dataset, source: source,
                                        options: options)
        }
        if let threads = options.threads, threads < 1 {
            throw PipelineError.invalidRequest("--threads must be ≥ 1; got \(threads).")
        }
        let context = dataset
        let measuredRows = try measuredRows(of: context, source: source, options: options)
        let dataset = measuredRows.map { context.selectingRows($0) } ?? context
        let times = try options.time.map { try TimeColumn.seconds(dataset, name: $0, source: source) }
        let groups = try options.group.map { try TimeColumn.text(dataset, name: $0, source: source) }
        let kinds = try options.eventKind.map { try TimeColumn.text(dataset, name: $0, source: source) }
        if options.group != nil && times == nil {
            throw PipelineError.invalidRequest("--group needs --time: incidents are runs of rows in time order within a group.")
        }
        if options.eventKind != nil && times == nil {
            throw PipelineError.invalidRequest("--event-kind needs --time: incidents are runs of rows in time order.")
        }
        let order = rowOrder(count: dataset.rowCount, times: times, groups: groups)
        // A candidate and its production version usually share the feature spec: it runs once for both.
        let shared = try against.flatMap { against in
            try against.1.featureSpec == model.1.featureSpec && ModelFeatures.spec(of: model.1) != nil
                ? ModelFeatures.inputs(of: model.1, from: context) : nil
        }
        let candidate = try ScoredModel.score(model.0, metadata: model.1, name: model.name, on: context,
                                              measuring: measuredRows, features: shared, source: source, options: options)
        let baseline = try against.map {
            try ScoredModel.score($0.0, metadata: $0.1, name: $0.name, on: context, measuring: measuredRows,
                                  features: shared, source: source, options: options)
        }
        let events = try times.flatMap { try eventMetrics(candidate, times: $0, groups: groups, kinds: kinds) }
        var againstFigures: EvaluationResult.Against?
        var comparison: ModelComparison?
        if let baseline {
            againstFigures = EvaluationResult.Against(
                model: baseline.name, algorithm: baseline.metadata.algorithm.rawValue, metrics: baseline.metrics,
                events: try times.flatMap { try eventMetrics(baseline, times: $0, groups: groups, kinds: kinds) })
            comparison = try compare(candidate, baseline, order: order, options: options)
        }
        let timeRange = times.map { values in
            EvaluationResult.TimeRange(start: TimeColumn.iso(values.min()!), end: TimeColumn.iso(values.max()!))
        }
        return EvaluationResult(
            model: model.name, algorithm: model.1.algorithm.rawValue, data: source, rows: dataset.rowCount,
            task: candidate.task,
            measuredOn: measuredOn(source: source, rows: dataset.rowCount, timeRange: timeRange, times: times,
                                   models: [candidate] + [baseline].compactMap { $0 }),
            timeRange: timeRange,
            warnings: overlapWarnings(source: source, times: times, models: [candidate] + [baseline].compactMap { $0 }), positive: positiveName(candidate, options), metrics: candidate.metrics, events: events,
            against: againstFigures, comparison: comparison, scored: [candidate] + [baseline].compactMap { $0 },
            times: times, groups: groups, kinds: kinds, order: order,
            days: try times.flatMap { try dayCount(times: $0, groups: groups) })
    }

    /// Evaluates a loaded model alone; see ``evaluate(model:against:on:source:options:)``.
    public static func evaluate(
        _ model: LoadedModel, name: String, on dataset: Dataset, source: String, options: Options
    ) throws -> EvaluationResult {
        try evaluate(model: (model, name), on: dataset, source: source, options: options)
    }

    /// Epoch seconds of `text`: a number of seconds, or ISO 8601 (`2026-01-22T00:00:00Z`); nil otherwise.
    public static func time(parsing text: String) -> Double? {
        if let seconds = Double(text), seconds.isFinite { return seconds }
        return TimeColumn.parse(text)
    }

    /// The rows measured when `options.measuredFrom` makes earlier rows context; nil = every row.
    /// - Throws: `PipelineError.invalidRequest` without a time column, or when no row is that recent.
    private static func measuredRows(of dataset: Dataset, source: String, options: Options) throws -> [Int]? {
        guard let from = options.measuredFrom else { return nil }
        guard let time = options.time else {
            throw PipelineError.invalidRequest("--from needs --time: rows are measured from a time on.")
        }
        let times = try TimeColumn.seconds(dataset, name: time, source: source)
        let rows = times.indices.filter { times[$0] >= from }
        guard !rows.isEmpty else {
            throw PipelineError.invalidRequest(
                "\(source) has no row at or after --from \(TimeColumn.iso(from)) (its last is \(TimeColumn.iso(times.max() ?? from))).")
        }
        return rows
    }

    private static func positiveName(_ model: ScoredModel, _ options: Options) -> String? {
        guard model.task == .classification, model.binaryTruth != nil else { return nil }
        return options.positive ?? "1"
    }

    /// Incident events when the truth is binary; nil otherwise.
    static func eventMetrics(
        _ model: ScoredModel, times: [Double], groups: [String]?, kinds: [String]?
    ) throws -> EventMetrics? {
        guard let truth = model.binaryTruth, let alerts = model.alerts else { return nil }
        return try EventMetrics.compute(
            groups: groups ?? [String](repeating: "", count: times.count), times: times, truth: truth, alerts: alerts,
            kinds: kinds)
    }

    /// Candidate − baseline on the chosen metric, rows ordered by (group, time).
    private static func compare(
        _ candidate: ScoredModel, _ baseline: ScoredModel, order: [Int], options: Options
    ) throws -> ModelComparison {
        if candidate.task == .regression || baseline.task == .regression {
            guard candidate.task == baseline.task, let truth = candidate.numericTruth,
                  let first = candidate.predictions, let second = baseline.predictions else {
                throw PipelineError.invalidRequest(
                    "\(candidate.name) (\(candidate.task.rawValue)) and \(baseline.name) (\(baseline.task.rawValue)) "
                    + "cannot be compared: a regressor is compared only with a regressor.")
            }
            let metric = options.compareMetric ?? .r2
            guard !metric.isRanking else {
                throw PipelineError.invalidRequest(
                    "--compare-metric \(metric) needs labels; regressors are compared on r2, mae, rmse or mape.")
            }
            return try ModelComparison.compare(
                truth: order.map { truth[$0] }, candidate: order.map { first[$0] }, baseline: order.map { second[$0] },
                metric: metric, bootstrap: options.bootstrap)
        }
        guard let truth = candidate.binaryTruth, let first = candidate.scores, let second = baseline.scores else {
            throw PipelineError.invalidRequest(
                "\(candidate.name) and \(baseline.name) can be compared only on a binary target (two classes or 0/1 labels).")
        }
        let metric = options.compareMetric ?? .averagePrecision
        guard metric.isRanking else {
            throw PipelineError.invalidRequest(
                "--compare-metric \(metric) needs a numeric target; with labels use average_precision or roc_auc.")
        }
        return try ModelComparison.compare(
            truth: order.map { truth[$0] }, candidate: order.map { first[$0] }, baseline: order.map { second[$0] },
            metric: metric, bootstrap: options.bootstrap)
    }

    /// Days covered: each group's span plus one row interval, averaged over groups (`EventMetrics.groupDays / groups`).
    private static func dayCount(times: [Double], groups: [String]?) throws -> Double? {
        let zeros = [Int](repeating: 0, count: times.count)
        let events = try EventMetrics.compute(
            groups: groups ?? [String](repeating: "", count: times.count), times: times, truth: zeros, alerts: zeros)
        return events.groups > 0 && events.groupDays > 0 ? events.groupDays / Double(events.groups) : nil
    }

    /// Row indices ordered by (group, time, input order); input order without times.
    static func rowOrder(count: Int, times: [Double]?, groups: [String]?) -> [Int] {
        guard let times else { return Array(0 ..< count) }
        let groups = groups ?? [String](repeating: "", count: times.count)
        return times.indices.sorted { (groups[$0], times[$0], $0) < (groups[$1], times[$1], $1) }
    }

    /// "data.csv: 864 rows, 2026-01-12T00:00:00Z … 2026-01-14T23:50:00Z, after the training window of m@v3 (…)".
    private static func measuredOn(
        source: String, rows: Int, timeRange: EvaluationResult.TimeRange?, times: [Double]?, models: [ScoredModel]
    ) -> String {
        var text = "\(source): \(rows) rows"
        if let timeRange { text += ", \(timeRange.start) … \(timeRange.end)" }
        for model in models {
            let lineage = model.metadata.lineage
            guard let end = lineage.windowEnd else {
                text += "; \(model.name) records no training window: check these rows come after its training rows"
                continue
            }
            if let times, let first = times.min(), let endSeconds = TimeColumn.parse(end) {
                text += first >= endSeconds
                    ? "; after the training window of \(model.name) (ends \(end))"
                    : "; WARNING: overlaps the training window of \(model.name) (ends \(end)), so figures are optimistic"
            } else {
                text += "; \(model.name) trained on rows up to \(end)"
            }
        }
        return text
    }

    /// One sentence per model whose recorded training window the rows overlap.
    private static func overlapWarnings(source: String, times: [Double]?, models: [ScoredModel]) -> [String] {
        guard let first = times?.min() else { return [] }
        return models.compactMap { model in
            guard let end = model.metadata.lineage.windowEnd, let endSeconds = TimeColumn.parse(end), first < endSeconds else {
                return nil
            }
            return "\(source) starts at \(TimeColumn.iso(first)), inside the training window of \(model.name) (ends \(end)): "
                + "its figures are optimistic; evaluate on rows from \(end) on."
        }
    }
}
