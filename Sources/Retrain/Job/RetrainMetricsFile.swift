import DurableFiles
import Foundation
import Publishing

/// The job's Prometheus textfile: the job-level success and failure series of `JobMetrics`, plus one series
/// per tenant × model (its outcome, its production version, its hold-out metrics).
public enum RetrainMetricsFile {
    /// The exposition of a finished run; `previous` is the textfile being replaced (failure counter, last success).
    public static func exposition(_ summary: RetrainSummary, succeeded: Bool, finished: Date,
                                  previous: String?) -> MetricsExposition {
        var job = JobRun(job: "retrain")
        job.succeeded = succeeded
        job.finished = finished
        var metrics = JobMetrics.exposition(for: job, previous: previous)
        for run in summary.runs {
            let series: [String: String?] = ["model": run.model, "tenant": run.tenant]
            for kind in ["promoted", "kept", "gate_failed", "error"] {
                var labels = series
                labels["outcome"] = kind
                metrics.set("workbench_retrain_outcome", help: "1 for how the last run of the model ended, 0 otherwise.",
                            labels: labels, value: run.outcome.rawValue == kind ? 1 : 0)
            }
            if let version = run.version.flatMap({ Int($0.dropFirst()) }), run.outcome == .promoted || run.outcome == .kept {
                metrics.set("workbench_published_model_version", help: "Version of the model currently published.",
                            labels: series, value: Double(version))
            }
            for (key, value) in run.metrics {
                var labels = series
                labels["metric"] = key
                labels["measured"] = "holdout"
                metrics.set("workbench_retrain_holdout_metric",
                            help: "The candidate's metric on the hold-out (rows after its training window).",
                            labels: labels, value: value)
            }
        }
        return metrics
    }

    /// Writes the textfile atomically.
    /// - Throws: `DurableFileError` naming `path`.
    public static func write(_ summary: RetrainSummary, succeeded: Bool, to path: String) throws {
        let previous = try? String(contentsOfFile: path, encoding: .utf8)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let text = exposition(summary, succeeded: succeeded, finished: Date(), previous: previous).text
        try AtomicFile.write(bytes: Array(text.utf8), to: path)
    }
}
