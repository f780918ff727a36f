import ArgumentParser
import Datasets
import Evaluation
import ModelStore
import Pipeline
import Reports

/// `workbench evaluate`: measures a model (against another) on labelled rows, e.g. a held-out later window.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure a model on labelled rows it did not train on; compare it with another model.",
        discussion: """
            Metrics follow scikit-learn: classification accuracy, balanced_accuracy, precision, recall, f1, \
            roc_auc, average_precision, log_loss, brier_score, confusion_matrix; regression mae, rmse, r2, mape; \
            anomaly roc_auc, average_precision, precision_at_k. With --time and a 0/1 target, incident events: \
            total, detected, recall, median_delay_seconds, false_alerts_per_group_day (by_kind with --event-kind). \
            With --against, the difference in --compare-metric with a 95 % block-bootstrap interval.
            Example (train on days 1-10, evaluate on days 11-14):
              workbench evaluate --model rf.h5 --data later.csv --target label --time timestamp \\
                  --group tenant_id --event-kind incident_kind --against prod@production --report report/
            """)

    @Option(help: ArgumentHelp("A model file, or a registered model: NAME, NAME@vN or NAME@ALIAS.", valueName: "model"))
    var model: String

    @Option(help: ArgumentHelp("Labelled rows to evaluate on: a .csv or .h5 file, ideally after the training window.",
                               valueName: "file"))
    var data: String

    @Option(help: ArgumentHelp("The truth: class labels, a numeric target, or 0/1 anomaly labels.", valueName: "column"))
    var target: String

    @Option(help: ArgumentHelp("Time column (epoch seconds or ISO 8601), for events and time ranges.", valueName: "column"))
    var time: String?

    @Option(help: ArgumentHelp("Group column (e.g. tenant_id): incidents never cross groups.", valueName: "column"))
    var group: String?

    @Option(help: ArgumentHelp("Compare with this model (file or NAME@REF), e.g. production.", valueName: "model"))
    var against: String?

    @Option(help: ArgumentHelp("Positive class of a binary classifier, as written in the data (default 1).",
                               valueName: "label"))
    var positive: String?

    @Option(help: ArgumentHelp("Column naming each incident's kind, for detection by kind.", valueName: "column"))
    var eventKind: String?

    @Option(help: ArgumentHelp(
        "Metric compared with --against: average_precision (default with labels), roc_auc, r2 (default for regression), mae, rmse, mape.",
        valueName: "metric"))
    var compareMetric: String?

    @Option(help: ArgumentHelp(
        "Regressors: also report interval_coverage, the fraction of actuals inside the central SHARE of the trees' "
        + "predictions (0.8 = 10th to 90th percentile).", valueName: "share"))
    var interval: Double?

    @Flag(help: "Print one JSON object on stdout instead of the table.")
    var json = false

    @Option(help: ArgumentHelp("Write DIR/report.md, its SVG plots and DIR/metrics.json (replacing DIR whole).",
                               valueName: "dir"))
    var report: String?

    @Option(help: ArgumentHelp(
        "Measure rows from this time on (epoch seconds or ISO 8601); earlier rows only give feature specs their history.",
        valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("Worker threads; default all cores.", valueName: "n"))
    var threads: Int?

    @OptionGroup(title: "Registry options")
    var registryOptions: RegistryOptions

    @OptionGroup(title: "Job metrics")
    var jobMetrics: JobMetricsOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1; got \(threads).") }
        if let compareMetric {
            do { _ = try ComparisonMetric(parsing: compareMetric) } catch { throw ValidationError(error.description) }
            if against == nil { throw ValidationError("--compare-metric needs --against MODEL.") }
        }
        if group != nil && time == nil { throw ValidationError("--group needs --time.") }
        if let interval, !(interval > 0 && interval < 1) {
            throw ValidationError("--interval must be in (0, 1), e.g. 0.8; got \(interval).")
        }
        if eventKind != nil && time == nil { throw ValidationError("--event-kind needs --time.") }
        if let from {
            guard ModelEvaluation.time(parsing: from) != nil else {
                throw ValidationError("--from must be epoch seconds or an ISO 8601 time such as 2026-01-22T00:00:00Z; got '\(from)'.")
            }
            if time == nil { throw ValidationError("--from needs --time.") }
        }
    }

    func run() async throws {
        try await jobMetrics.reporting(job: "evaluate", model: model) { run in
            if let report { try ReportDirectory.check(report) }
            let registry = registryOptions.makeRegistry()
            let candidate = try registry.loadModel(fileOrReference: model)
            let baseline = try against.map { try registry.loadModel(fileOrReference: $0) }
            let dataset = try DatasetIO.read(path: data, csvOptions: .inferred)
            var options = ModelEvaluation.Options(
                target: target, time: time, group: group, eventKind: eventKind, positive: positive,
                compareMetric: try compareMetric.map { try ComparisonMetric(parsing: $0) }, threads: threads,
                measuredFrom: from.flatMap(ModelEvaluation.time(parsing:)))
            options.interval = interval
            let result = try ModelEvaluation.evaluate(
                model: (candidate, model), against: baseline.map { ($0, against!) }, on: dataset, source: data,
                options: options)
            for warning in result.warnings { printError("warning: \(warning)") }
            let text = try ModelsJSON.text(result)
            if let report {
                try ReportDirectory.write(EvaluationReportBuilder.report(for: result), metricsJSON: text + "\n", to: report)
                printError("wrote the report to \(report)/\(ReportRenderer.markdownName)")
            }
            run.recordEvaluation(result)
            print(json ? text : result.lines().joined(separator: "\n"))
        }
    }
}
