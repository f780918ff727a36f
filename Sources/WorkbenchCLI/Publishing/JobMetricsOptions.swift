import ArgumentParser
import Foundation
import Pipeline
import Publishing

/// `--metrics-textfile` and `--pushgateway`, shared by jobs (train, publish; later evaluate and the nightly job).
struct JobMetricsOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Write the job's Prometheus metrics to this node_exporter textfile (atomically), on success and failure.",
        valueName: "path"))
    var metricsTextfile: String?

    @Option(help: ArgumentHelp("Push the job's Prometheus metrics to this Pushgateway, e.g. http://localhost:9091.",
                               valueName: "url"))
    var pushgateway: String?

    /// Runs `body` like `reportingErrors`, then reports the run (succeeded or failed) where asked.
    /// A failure to deliver metrics is printed as a warning and never changes the job's exit status.
    func reporting(job: String, model: String?, _ body: (inout JobRun) async throws -> Void) async throws {
        var run = JobRun(job: job)
        run.model = model
        defer {
            run.finished = Date()
            deliver(run)
        }
        try await reportingErrors {
            defer { Log.context(Self.logFields(run)) }
            try await body(&run)
            run.succeeded = true
        }
    }

    /// The run's model, tenant, collector and published version, for the command's last log line.
    private static func logFields(_ run: JobRun) -> [String: LogValue] {
        var fields: [String: LogValue] = [:]
        if let model = run.model { fields["model"] = .string(model) }
        if let tenant = run.tenant { fields["tenant"] = .string(tenant) }
        if let collector = run.collector { fields["collector"] = .string(collector) }
        if let version = run.publishedVersion { fields["version"] = .int(version) }
        return fields
    }

    private func deliver(_ run: JobRun) {
        if let metricsTextfile {
            do {
                try JobMetrics.writeTextfile(run, to: metricsTextfile)
            } catch {
                Log.warning("metrics not written: \(error)")
            }
        }
        if let pushgateway {
            do {
                try JobMetrics.push(run, to: pushgateway)
            } catch {
                Log.warning("metrics not pushed: \(error)")
            }
        }
    }
}

extension JobRun {
    /// Records a training run: its duration, tenant, and the out-of-bag and `--validation` accuracies when
    /// the model has them (training-set figures are not accuracy and are not reported).
    mutating func recordTraining(seconds: Double, metrics: [String: Double], tenant: String?) {
        trainingSeconds = seconds
        self.tenant = tenant
        if let oob = metrics["oob_accuracy"] { accuracy["out_of_bag"] = oob }
        if let held = metrics["validation_accuracy"] { accuracy["validation"] = held }
    }
}

extension JobRun {
    /// Records an evaluation: a classifier's accuracy on the evaluated rows (`measured="held_out"`);
    /// other tasks report success and timing only, since their figures are not accuracies.
    mutating func recordEvaluation(_ result: EvaluationResult) {
        if case .classification(let metrics) = result.metrics { accuracy["held_out"] = metrics.accuracy }
    }
}
