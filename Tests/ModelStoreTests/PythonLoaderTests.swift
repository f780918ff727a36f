import Forests
import Foundation
import NumericCore
import Testing
import TestSupport
@testable import ModelStore

/// interop/python/workbench_model.py (h5py + numpy only) against Swift, on every bundled data set.
///
/// Each test trains on at most `trainingRows` rows of each data set (training speed is not
/// under test), saves the model, writes Swift's outputs for all rows, and runs
/// Tests/Interop/test_model_loader.py once over all data sets (one Python start).
@Suite("Python reference loader")
struct PythonLoaderTests {
    /// Rows trained on per data set; scoring always covers every row.
    private static let trainingRows = 2000

    /// The first `trainingRows` rows of `features`.
    private func head(_ features: Matrix<Float>) -> Matrix<Float> {
        let rows = min(features.rows, Self.trainingRows)
        return try! Matrix(rows: rows, columns: features.columns, storage: Array(features.storage.prefix(rows * features.columns)))
    }
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
            let model = try ExtendedIsolationForest.fit(head(features), configuration: configuration.validated())
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

    @Test("isolation forest scores and flags match Swift on every bundled data set")
    func isolationForest() throws {
        let directory = try TestSupport.makeTemporaryDirectory("loader")
        defer { try? FileManager.default.removeItem(at: directory) }
        var cases: [Case] = []
        for dataset in Fixtures.oddsNames {
            let (features, _, names) = try Fixtures.odds(dataset)
            var model = try Fixtures.isolationForest(trees: 10, x: head(features), contamination: 0.05)
            model.thresholds.setLevel("critical", score: 0.65)
            var metadata = Fixtures.metadata(.isolationForest, features: names.count)
            metadata.features = names
            let scores = try model.scores(features)
            cases.append(try prepare(
                dataset, in: directory, model: .isolationForest(model), metadata: metadata, features: features,
                outputs: [
                    ("anomaly_score", scores.map { "\($0)" }),
                    ("is_anomaly", scores.map { model.thresholds.isAnomaly($0) ? "1" : "0" }),
                ]))
        }
        try runPython(cases)
    }

    @Test("random forest classifier labels and probabilities match Swift on every bundled data set")
    func classifier() throws {
        let directory = try TestSupport.makeTemporaryDirectory("loader")
        defer { try? FileManager.default.removeItem(at: directory) }
        var cases: [Case] = []
        for dataset in Fixtures.oddsNames {
            let (features, labels, names) = try Fixtures.odds(dataset)
            let model = try Fixtures.classifier(
                trees: 5, x: head(features), labels: Array(labels.prefix(Self.trainingRows)),
                classNames: ["normal", "anomaly"])
            var metadata = Fixtures.metadata(.randomForestClassifier, features: names.count)
            metadata.features = names
            let probabilities = try model.predictProbabilities(features)
            let predicted = try model.predict(features)
            cases.append(try prepare(
                dataset, in: directory, model: .randomForestClassifier(model), metadata: metadata, features: features,
                outputs: [
                    ("prediction", predicted.map { model.classNames[$0] }),
                    ("probability_normal", (0 ..< features.rows).map { "\(probabilities[$0, 0])" }),
                    ("probability_anomaly", (0 ..< features.rows).map { "\(probabilities[$0, 1])" }),
                ]))
        }
        try runPython(cases)
    }

    @Test("random forest regressor means and spreads match Swift on every bundled data set")
    func regressor() throws {
        let directory = try TestSupport.makeTemporaryDirectory("loader")
        defer { try? FileManager.default.removeItem(at: directory) }
        var cases: [Case] = []
        for dataset in Fixtures.oddsNames {
            let (features, labels, names) = try Fixtures.odds(dataset)
            let targets = (0 ..< features.rows).map { Double(labels[$0]) + Double(features[$0, 0].isNaN ? 0 : features[$0, 0]) }
            let model = try Fixtures.regressor(trees: 5, x: head(features), targets: Array(targets.prefix(Self.trainingRows)))
            var metadata = Fixtures.metadata(.randomForestRegressor, features: names.count)
            metadata.features = names
            let (mean, spread) = try model.predictWithSpread(features)
            cases.append(try prepare(
                dataset, in: directory, model: .randomForestRegressor(model), metadata: metadata, features: features,
                outputs: [("prediction", mean.map { "\($0)" }), ("prediction_std", spread.map { "\($0)" })]))
        }
        try runPython(cases)
    }
}
