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

    /// `models` is the YAML of the models list (indented by 2); default an Isolation Forest and a regressor.
    init(models: String = JobFixture.defaultModels, extra: String = "") throws {
        folder = try TestSupport.makeTemporaryDirectory("retrain")
        specPath = folder.appendingPathComponent("job.yaml").path
        try write(models: models, extra: extra)
    }

    func write(models: String, extra: String = "") throws {
        try Data(RetrainSpecFixture.yaml(in: folder, models: models, extra: extra).utf8).write(to: URL(fileURLWithPath: specPath))
    }

    static let defaultModels = RetrainSpecFixture.models()

    func job(tenant: String? = nil, shard: Shard = .all, dryRun: Bool = false) -> RetrainJob {
        RetrainJob(options: .init(specPath: specPath, tenant: tenant, shard: shard, dryRun: dryRun, environment: [:]),
                   cancellation: Cancellation())
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
