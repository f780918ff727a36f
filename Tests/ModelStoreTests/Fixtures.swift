import Forests
import Foundation
import NumericCore
@testable import ModelStore

/// Small seeded models and metadata shared by the ModelStore tests.
enum Fixtures {
    /// `rows × features` Gaussian values from `seed`, with a few planted outliers and NaNs.
    static func matrix(rows: Int = 200, features: Int = 4, seed: UInt64 = 7) -> Matrix<Float> {
        var random = SeededRandom(seed: seed, stream: 0)
        var values: [Float] = []
        for row in 0 ..< rows {
            for feature in 0 ..< features {
                var value = Float(random.nextGaussian())
                if row % 50 == 0 { value += 6 }
                if row % 37 == 5 && feature == 1 { value = .nan }
                values.append(value)
            }
        }
        return try! Matrix(rows: rows, columns: features, storage: values)
    }

    /// A seeded Extended Isolation Forest of `trees` trees on `matrix()`.
    static func extendedIsolationForest(trees: Int = 20, seed: UInt64 = 1) throws -> ExtendedIsolationForest {
        var configuration = ExtendedIsolationForest.Configuration()
        configuration.trees = trees
        configuration.seed = seed
        configuration.threads = 1
        return try ExtendedIsolationForest.fit(matrix(), configuration: configuration.validated())
    }

    /// Metadata describing a model over `features` features of `matrix()`.
    static func metadata(
        _ algorithm: ModelAlgorithm, features: Int = 4, metrics: [String: Double] = ["roc_auc": 0.9]
    ) -> ModelMetadata {
        ModelMetadata(
            algorithm: algorithm, hyperparameters: ["trees": 20, "seed": 1, "max_samples": "auto"],
            features: (0 ..< features).map { "cpu.f\($0)" },
            lineage: TrainingLineage(
                source: "tests/fixture.csv", tenant: "acme", datasetSHA256: Digest.sha256Hex(of: matrix()), rows: 200),
            metrics: metrics, thresholds: [ThresholdLevel(name: "warn", value: 0.6, score: "anomaly_score")],
            workbenchVersion: "test", gitCommit: nil, createdUTC: "2026-01-02T03:04:05Z", host: "testhost",
            user: "tester", trainingSeconds: 0.25)
    }
}
