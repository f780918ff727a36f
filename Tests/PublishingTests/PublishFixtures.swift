import Forests
import Foundation
import ModelStore
import NumericCore
import TestSupport
@testable import Publishing

/// A temporary registry holding two versions of an Isolation Forest named `cpu`, with warn, critical and
/// f1_optimal levels, tenant `acme`.
struct PublishFixtures {
    let directory: URL
    let registry: ModelRegistry
    var publications: String { directory.appendingPathComponent("published").path }

    init() throws {
        directory = try TestSupport.makeTemporaryDirectory("publishing")
        registry = ModelRegistry(root: directory.appendingPathComponent("models"))
        for seed in [UInt64(5), 9] {
            let features = Self.matrix(seed: seed)
            var configuration = IsolationForest.Configuration()
            configuration.trees = 15
            configuration.seed = seed
            configuration.threads = 1
            configuration.contamination = .fraction(0.05)
            let forest = try IsolationForest.fit(features, configuration: configuration.validated())
            let warn = (-forest.offset).nextUp
            let metadata = ModelMetadata(
                algorithm: .isolationForest, hyperparameters: ["trees": 15, "seed": .number(Double(seed))],
                features: ["cpu.user", "cpu.system", "mem.used"],
                lineage: TrainingLineage(source: "fixture.csv", tenant: "acme",
                                         datasetSHA256: Digest.sha256Hex(of: features), rows: features.rows),
                thresholds: [
                    ThresholdLevel(name: "warn", value: warn, score: "anomaly_score",
                                   rule: "contamination 0.05"),
                    ThresholdLevel(name: "critical", value: 0.7, score: "anomaly_score", rule: "fixed"),
                    ThresholdLevel(name: "f1_optimal", value: 0.58, score: "anomaly_score", rule: "fixture", purpose: .reference),
                ],
                workbenchVersion: "test", trainingSeconds: 0.1)
            _ = try registry.register(.isolationForest(forest), metadata: metadata, name: "cpu",
                                      selfTestRows: features)
        }
    }

    /// 300 seeded rows of 3 features with a few outliers and NaNs.
    static func matrix(seed: UInt64) -> Matrix<Float> {
        var random = SeededRandom(seed: seed, stream: 0)
        var values: [Float] = []
        for row in 0 ..< 300 {
            for feature in 0 ..< 3 {
                var value = Float(random.nextGaussian())
                if row % 40 == 0 { value += 5 }
                if row % 37 == 5 && feature == 1 { value = .nan }
                values.append(value)
            }
        }
        return try! Matrix(rows: 300, columns: 3, storage: values)
    }

    /// A bundle of `cpu@v<version>`.
    func bundle(_ version: Int, threshold: ThresholdChoice? = nil) throws -> ModelBundle {
        try ModelBundle(registry: registry, reference: ModelReference(name: "cpu", selector: .version(version)),
                        threshold: threshold, producer: "workbench test")
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
