import Forests
import Foundation
import NumericCore
import ModelFixtures
import Testing
import TestSupport
@testable import ModelStore

/// interop/python/workbench_model.py (h5py + numpy only) against `workbench predict`, on every bundled data set.
///
/// Each test trains on at most `trainingRows` rows of each data set (training speed is not
/// under test), saves the model, scores every row with `workbench predict`, and runs
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

    /// Saves `model` for data set `dataset` and scores all its rows with `workbench predict`;
    /// returns the arguments of one parity check.
    private func prepare(
        _ dataset: String, in directory: URL, model: TrainedModel, levels: [ThresholdLevel], names: [String],
        features: Matrix<Float>, interval: Double? = nil
    ) throws -> [String] {
        let file = directory.appendingPathComponent("\(dataset).h5")
        var metadata = Fixtures.metadata(model.algorithm, features: names.count)
        metadata.features = names
        metadata.thresholds = levels
        try ModelFile.save(model, metadata: metadata, selfTestRows: features, to: file)
        let data = TestSupport.datasetsDirectory.appendingPathComponent("odds/\(dataset).csv")
        let predictions = directory.appendingPathComponent("\(dataset)-predictions.csv")
        let predict = try TestSupport.workbench(
            ["predict", "--model", file.path, "--data", data.path, "--output", predictions.path]
                + (interval.map { ["--interval", String($0)] } ?? []))
        #expect(predict.status == 0, "\(predict.standardError)")
        return [file.path, data.path, predictions.path]
    }

    /// Trains one model per bundled data set with `train` and checks the Python loader against `predict`.
    /// `train` returns the model and its threshold levels.
    private func check(
        interval: Double? = nil, _ train: (Matrix<Float>, [Int]) throws -> (TrainedModel, [ThresholdLevel])
    ) throws {
        let directory = try TestSupport.makeTemporaryDirectory("loader")
        defer { try? FileManager.default.removeItem(at: directory) }
        var arguments: [String] = []
        for dataset in Fixtures.oddsNames {
            let (features, labels, names) = try Fixtures.odds(dataset)
            let (model, levels) = try train(head(features), Array(labels.prefix(Self.trainingRows)))
            arguments += try prepare(dataset, in: directory, model: model, levels: levels, names: names, features: features,
                                     interval: interval)
        }
        let result = try TestSupport.python(
            "test_model_loader.py", (interval.map { ["--interval", String($0)] } ?? []) + arguments)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }

    @Test("extended isolation forest scores, flags and levels match workbench predict on every bundled data set")
    func extendedIsolationForest() throws {
        try check { features, _ in
            var configuration = ExtendedIsolationForest.Configuration()
            configuration.trees = 10
            configuration.extensionLevel = .level(min(2, features.columns - 1))
            configuration.contamination = .fraction(0.05)
            let model = try ExtendedIsolationForest.fit(features, configuration: configuration.validated())
            return (.extendedIsolationForest(model), [
                ThresholdLevel(name: "warn", value: (-model.offset).nextUp, score: "anomaly_score"),
                ThresholdLevel(name: "critical", value: 0.6, score: "anomaly_score"),
                ThresholdLevel(name: "f1_optimal", value: 0.5, score: "anomaly_score", purpose: .reference),
            ])
        }
    }

    @Test("isolation forest scores, flags and levels match workbench predict on every bundled data set")
    func isolationForest() throws {
        try check { features, _ in
            let model = try Fixtures.isolationForest(trees: 10, x: features, contamination: 0.05)
            return (.isolationForest(model), [
                ThresholdLevel(name: "warn", value: (-model.offset).nextUp, score: "anomaly_score"),
                ThresholdLevel(name: "critical", value: 0.65, score: "anomaly_score"),
            ])
        }
    }

    @Test("random forest classifier labels and probabilities match workbench predict on every bundled data set")
    func classifier() throws {
        try check { features, labels in
            (.randomForestClassifier(try Fixtures.classifier(
                trees: 5, x: features, labels: labels, classNames: ["normal", "anomaly"])), [])
        }
    }

    @Test("random forest regressor means and spreads match workbench predict on every bundled data set")
    func regressor() throws {
        try check { features, labels in
            let targets = (0 ..< features.rows).map {
                Double(labels[$0]) + Double(features[$0, 0].isNaN ? 0 : features[$0, 0])
            }
            return (.randomForestRegressor(try Fixtures.regressor(trees: 5, x: features, targets: targets)), [])
        }
    }

    @Test("models trained with --feature-spec default score raw rows in Python exactly as workbench predict")
    func featureSpec() throws {
        let directory = try TestSupport.makeTemporaryDirectory("loader-features")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = TestSupport.datasetsDirectory.appendingPathComponent("synthetic/metrics.wide.csv").path
        var arguments: [String] = []
        for (name, options) in [
            ("classifier", ["--algorithm", "random-forest-classifier", "--target", "label"]),
            ("detector", ["--algorithm", "isolation-forest", "--contamination", "0.05"]),
        ] {
            let model = directory.appendingPathComponent("\(name).h5").path
            let predictions = directory.appendingPathComponent("\(name).csv").path
            let train = try TestSupport.workbench(
                ["train", "--data", data, "--feature-spec", "default", "--trees", "10", "--seed", "3", "--output", model]
                + options)
            #expect(train.status == 0, "\(train.standardError)")
            let predict = try TestSupport.workbench(["predict", "--model", model, "--data", data, "--output", predictions])
            #expect(predict.status == 0, "\(predict.standardError)")
            arguments += [model, data, predictions]
        }
        let result = try TestSupport.python("test_model_loader.py", arguments)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    }

    @Test("regressor prediction intervals (per-tree quantiles) match workbench predict --interval 0.8")
    func regressorInterval() throws {
        try check(interval: 0.8) { features, labels in
            let targets = (0 ..< features.rows).map {
                Double(labels[$0]) + Double(features[$0, 0].isNaN ? 0 : features[$0, 0])
            }
            return (.randomForestRegressor(try Fixtures.regressor(trees: 7, x: features, targets: targets)), [])
        }
    }
}
