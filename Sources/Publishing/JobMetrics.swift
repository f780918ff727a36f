import DurableFiles
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What one run of a job (train, publish, later evaluate and the nightly job) reports to Prometheus.
public struct JobRun: Sendable {
    /// The job: `train`, `publish`, …; the `workbench_job` label.
    public var job: String
    /// The model name, when known.
    public var model: String?
    /// The tenant, when known.
    public var tenant: String?
    /// The collector, when known.
    public var collector: String?
    /// Whether the run succeeded.
    public var succeeded = false
    /// When the run ended.
    public var finished = Date()
    /// Training wall-clock seconds (train).
    public var trainingSeconds: Double?
    /// Quality figures measured on rows the model did not train on, by how they were measured
    /// (e.g. `out_of_bag` → OOB accuracy); the `measured` label.
    public var accuracy: [String: Double] = [:]
    /// The published levels and which one raises `is_anomaly` (publish).
    public var thresholds: [PublishedLevel] = []
    /// The level raising `is_anomaly`.
    public var anomalyLevel: String?
    /// The version made current (publish).
    public var publishedVersion: Int?

    /// A run of `job`.
    public init(job: String) {
        self.job = job
    }
}

/// Turns a `JobRun` into Prometheus metrics and delivers them: a node_exporter textfile (atomically) or a
/// Pushgateway.
///
/// Names: `ml_model_training_duration_seconds`, `ml_prediction_accuracy`, `ml_anomaly_threshold` (from the
/// collectors' design), `workbench_last_success_timestamp_seconds`, `workbench_published_model_version`,
/// `workbench_job_failures_total`; labels `workbench_job`, `model`, `tenant`, `collector` where known.
/// A failed run keeps the last success time and adds one to the failures found in the previous textfile.
public enum JobMetrics {
    /// The exposition of `run`; `previous` is the textfile being replaced, for the counter and last success.
    public static func exposition(for run: JobRun, previous: String? = nil) -> MetricsExposition {
        let series: [String: String?] = ["model": run.model, "tenant": run.tenant, "collector": run.collector]
        var job = series
        job["workbench_job"] = run.job
        let prior = previous.map(PreviousSamples.init(text:))
        var metrics = MetricsExposition()
        let failureName = "workbench_job_failures_total"
        let failures = (prior?.value(failureName, labels: job) ?? 0) + (run.succeeded ? 0 : 1)
        metrics.set(failureName, help: "Failed runs of the Workbench job, counted in this textfile.", kind: .counter,
                    labels: job, value: failures)
        let successName = "workbench_last_success_timestamp_seconds"
        let lastSuccess = run.succeeded ? run.finished.timeIntervalSince1970.rounded() : prior?.value(successName, labels: job)
        if let lastSuccess {
            metrics.set(successName, help: "Unix time of the job's last successful run.", labels: job, value: lastSuccess)
        }
        guard run.succeeded else { return metrics }
        if let seconds = run.trainingSeconds {
            metrics.set("ml_model_training_duration_seconds", help: "Wall-clock time of the last training run.",
                        labels: series, value: seconds)
        }
        for (measured, value) in run.accuracy {
            var labels = series
            labels["measured"] = measured
            metrics.set("ml_prediction_accuracy",
                        help: "Accuracy of the model on rows it did not train on; `measured` says how.",
                        labels: labels, value: value)
        }
        for level in run.thresholds {
            var labels = series
            labels["level"] = level.name
            labels["raises_anomaly"] = level.name == run.anomalyLevel ? "true" : "false"
            metrics.set("ml_anomaly_threshold", help: "Published alert threshold on the anomaly score (score >= value).",
                        labels: labels, value: level.value)
        }
        if let version = run.publishedVersion {
            metrics.set("workbench_published_model_version", help: "Version of the model currently published.",
                        labels: series, value: Double(version))
        }
        return metrics
    }

    /// Writes `run`'s metrics to the node_exporter textfile at `path` atomically (0644).
    /// - Throws: `PublishingError.cannotWrite` naming `path`.
    public static func writeTextfile(_ run: JobRun, to path: String) throws(PublishingError) {
        let previous = (try? JSONFiles.read(path))?.flatMap { String(data: $0, encoding: .utf8) }
        try ReadableFile.write(Array(exposition(for: run, previous: previous).text.utf8), to: path)
    }

    /// Pushes `run`'s metrics to the Pushgateway at `url` with POST (replacing only these metric names in the
    /// group `job/workbench_<job>[/model/<model>]`, so other groups and metrics stay).
    /// - Throws: `PublishingError.invalidRequest` for a bad URL, `.unavailable` when the push fails.
    public static func push(_ run: JobRun, to url: String, timeout: Double = 10) throws(PublishingError) {
        var path = "/metrics/job/workbench_\(run.job)"
        if let model = run.model { path += "/model/\(model)" }
        guard var components = URLComponents(string: url), components.scheme == "http" || components.scheme == "https",
              components.host != nil else {
            throw .invalidRequest("--pushgateway must be an http(s) URL such as http://localhost:9091; got '\(url)'.")
        }
        components.path = (components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path) + path
        guard let target = components.url else {
            throw .invalidRequest("--pushgateway URL '\(url)' cannot take the path \(path).")
        }
        var request = URLRequest(url: target, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("text/plain; version=0.0.4", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(exposition(for: run).text.utf8)
        let outcome = PushOutcome()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, response, error in
            outcome.set(status: (response as? HTTPURLResponse)?.statusCode, error: error?.localizedDescription)
            done.signal()
        }.resume()
        done.wait()
        let (status, error) = outcome.get()
        guard let status, (200 ..< 300).contains(status) else {
            let host = components.host ?? "?"
            throw .unavailable("Pushing metrics to the Pushgateway at \(host) failed: "
                + (error ?? "HTTP status \(status.map(String.init) ?? "none")") + ".")
        }
    }
}

/// The response of one push, handed from URLSession's queue.
private final class PushOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var status: Int?
    private var error: String?

    func set(status: Int?, error: String?) {
        lock.lock()
        defer { lock.unlock() }
        self.status = status
        self.error = error
    }

    func get() -> (Int?, String?) {
        lock.lock()
        defer { lock.unlock() }
        return (status, error)
    }
}

/// Sample values of a textfile this module wrote (one `name{labels} value` per line).
private struct PreviousSamples {
    let values: [String: Double]

    init(text: String) {
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            let value = line[line.index(after: space)...]
            values[String(line[..<space])] = value == "+Inf" ? .infinity : value == "-Inf" ? -.infinity : Double(value)
        }
        self.values = values
    }

    func value(_ name: String, labels: [String: String?]) -> Double? {
        values[name + MetricsExposition.labelText(labels)]
    }
}
