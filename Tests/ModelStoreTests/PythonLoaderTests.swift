import Forests
import Foundation
import NumericCore
import Testing
import TestSupport
@testable import ModelStore

/// interop/python/workbench_model.py (h5py + numpy only) against Swift, on every bundled data set.
///
/// Each test saves one model per data set, writes Swift's outputs for all its rows, and
/// runs Tests/Interop/test_model_loader.py once over all of them (one Python start).
@Suite("Python reference loader")
struct PythonLoaderTests {
    /// What one data set contributes to a parity run: the model file, its data and Swift's outputs.
    private struct Case {
        let model: URL
        let data: URL
        let expected: URL
        var arguments: [String] { [model.path, data.path, expected.path] }
    }

    /// Saves `model` trained on data set `dataset` and Swift's `outputs` for all its rows.
    private func prepare(
        _ dataset: String, in directory: URL, model: TrainedModel, metadata: ModelMetadata,
        features: Matrix<Float>, outputs: [(String, [String])]
    ) throws -> Case {
        let file = directory.appendingPathComponent("\(dataset).h5")
        try ModelFile.save(model, metadata: metadata, selfTestRows: features, to: file)
        let expected = directory.appendingPathComponent("\(dataset)-expected.csv")
        try Fixtures.writeCSV(outputs, to: expected)
        return Case(model: file, data: TestSupport.datasetsDirectory.appendingPathComponent("odds/\(dataset).csv"),
                    expected: expected)
    }

    private func runPython(_ cases: [Case]) throws {
        let result = try TestSupport.python("test_model_loader.py", cases.flatMap(\.arguments))
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }

    @Test("extended isolation forest scores and flags match Swift on every bundled data set")
    func extendedIsolationForest() throws {
        let directory = try TestSupport.makeTemporaryDirectory("loader")
        defer { try? FileManager.default.removeItem(at: directory) }
        var cases: [Case] = []
        for dataset in Fixtures.oddsNames {
            let (features, _, names) = try Fixtures.odds(dataset)
            var configuration = ExtendedIsolationForest.Configuration()
            configuration.trees = 10
            configuration.extensionLevel = .level(min(2, names.count - 1))
            configuration.contamination = .fraction(0.05)
            let model = try ExtendedIsolationForest.fit(features, configuration: configuration.validated())
            var metadata = Fixtures.metadata(.extendedIsolationForest, features: names.count)
            metadata.features = names
            let scores = try model.scores(features)
            cases.append(try prepare(
                dataset, in: directory, model: .extendedIsolationForest(model), metadata: metadata, features: features,
                outputs: [
                    ("anomaly_score", scores.map { "\($0)" }),
                    ("is_anomaly", scores.map { model.thresholds.isAnomaly($0) ? "1" : "0" }),
                ]))
        }
        try runPython(cases)
    }
}
