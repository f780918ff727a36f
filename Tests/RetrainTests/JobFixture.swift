import Foundation
import Retrain
import TestSupport

/// A job spec over the bundled synthetic metrics (3 tenants, 7 days of 10-minute rows) in a fresh folder,
/// with small forests so a whole run takes seconds.
struct JobFixture {
    let folder: URL
    let specPath: String

    var registry: String { folder.appendingPathComponent("models").path }
    var published: String { folder.appendingPathComponent("published").path }
    var reports: String { folder.appendingPathComponent("reports").path }
    var textfile: String { folder.appendingPathComponent("metrics/workbench.prom").path }

    static let data = TestSupport.datasetsDirectory.appendingPathComponent("synthetic/metrics.wide.csv").path

    /// `models` is the YAML of the models list (indented by 2); default an Isolation Forest and a regressor.
    init(models: String = JobFixture.defaultModels, extra: String = "") throws {
        folder = try TestSupport.makeTemporaryDirectory("retrain")
        specPath = folder.appendingPathComponent("job.yaml").path
        try write(models: models, extra: extra)
    }

    func write(models: String, extra: String = "") throws {
        let yaml = """
            source: {file: \(Self.data)}
            registry: \(registry)
            time: timestamp
            group: tenant_id
            holdout: 4d
            seed: 7
            models:
            \(models)
            publish: {to: \(published)}
            report: {to: \(reports)}
            metrics_textfile: \(textfile)
            \(extra)
            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: specPath))
    }

    static let defaultModels = """
          - name: anomalies
            per_tenant: true
            algorithm: isolation-forest
            target: label
            hyperparameters: {trees: 100, contamination: 0.02}
            gates: {min: {roc_auc: 0.6}, max_false_alerts_per_day: 6}
          - name: requests
            per_tenant: true
            algorithm: random-forest-regressor
            target: api_gateway/requests_per_second
            hyperparameters: {trees: 10}
            gates: {min: {r2: 0.5}}
        """

    func job(tenant: String? = nil, shard: Shard = .all, dryRun: Bool = false) -> RetrainJob {
        RetrainJob(options: .init(specPath: specPath, tenant: tenant, shard: shard, dryRun: dryRun, environment: [:]),
                   cancellation: Cancellation())
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
