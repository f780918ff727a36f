import Datasets
import Forests
import ModelStore
import Testing
@testable import Pipeline

@Suite("Model training")
struct ModelTrainingTests {
    static func request(_ algorithm: ModelAlgorithm, target: String? = "label", edit: (inout Hyperparameters) -> Void = { _ in })
        -> TrainingRequest {
        var hyperparameters = Hyperparameters()
        hyperparameters.trees = 20
        hyperparameters.seed = 4
        edit(&hyperparameters)
        return TrainingRequest(
            algorithm: algorithm, target: target, exclude: algorithm == .randomForestRegressor ? ["label"] : ["value"],
            hyperparameters: hyperparameters)
    }

    @Test("a classifier learns the labels and its metadata describes what was trained and how it was measured")
    func classifier() throws {
        let result = try ModelTraining.train(Self.request(.randomForestClassifier), on: PipelineFixtures.table(), source: "fixture")
        guard case .randomForestClassifier(let forest) = result.model else {
            Issue.record("trained a \(result.model.algorithm)")
            return
        }
        #expect(forest.classNames == ["0", "1"])
        #expect(result.metadata.features == ["a", "b", "c"])
        #expect(result.metadata.lineage.rows == 400 && result.metadata.lineage.target == "label")
        #expect(result.metadata.hyperparameters["trees"] == .number(20))
        #expect(result.metadata.keyMetric == "oob_accuracy")
        #expect(try #require(result.metadata.metrics["oob_accuracy"]) > 0.85)
        #expect(result.selfTestRows.rows == 8)
        #expect(result.summary.lines(output: "m.h5", registered: nil).contains("saved       m.h5"))
        #expect(result.summary.topFeatures.first?.name != "c", "c is noise")
    }

    @Test("the same request and seed give the same model for 1 and 3 threads")
    func deterministic() throws {
        let data = try PipelineFixtures.table()
        let outputs = try [1, 3].map { threads in
            let result = try ModelTraining.train(Self.request(.randomForestRegressor, target: "value") { $0.threads = threads },
                                                 on: data, source: "fixture")
            return try ModelScoring.predict(result.model, metadata: result.metadata, on: data, source: "fixture").dataset
        }
        #expect(outputs[0] == outputs[1])
    }

    static let inapplicableOptions: [(ModelAlgorithm, String, @Sendable (inout Hyperparameters) -> Void)] = [
        (.isolationForest, "--min-samples-leaf", { $0.minSamplesLeaf = 1 }),
        (.isolationForest, "--splitter", { $0.splitter = .histogram }),
        (.isolationForest, "--extension-level", { $0.extensionLevel = .full }),
        (.extendedIsolationForest, "--max-features", { $0.maxFeatures = .all }),
        (.randomForestClassifier, "--contamination", { $0.contamination = .auto }),
        (.randomForestRegressor, "--class-weight", { $0.classWeight = ForestConfiguration.ClassWeight.none }),
        (.randomForestClassifier, "--critical-rate", { $0.criticalRate = 0.001 }),
    ]

    @Test("an option that does not apply is refused whatever its value, naming the option and the algorithm",
          arguments: inapplicableOptions.indices)
    func inapplicable(index: Int) throws {
        let (algorithm, option, edit) = Self.inapplicableOptions[index]
        let request = Self.request(algorithm, target: algorithm == .randomForestRegressor ? "value" : "label", edit: edit)
        #expect(throws: PipelineError.invalidRequest("\(option) does not apply to \(algorithm.rawValue).")) {
            try ModelTraining.train(request, on: PipelineFixtures.table(), source: "fixture")
        }
    }

    @Test("a target with one class is refused, naming the column and the class")
    func singleClass() throws {
        let data = try PipelineFixtures.table(adding: "constant", .text(Array(repeating: "ok", count: 400)))
        var request = Self.request(.randomForestClassifier, target: "constant")
        request.exclude = ["label", "value"]
        #expect(throws: PipelineError.unsuitableData(
            "fixture: target column 'constant' has a single class ('ok'); a classifier needs at least 2.")) {
            try ModelTraining.train(request, on: data, source: "fixture")
        }
    }

    @Test("a target with more distinct values than maxClasses is refused unless maxClasses is raised")
    func tooManyClasses() throws {
        let data = try PipelineFixtures.table()
        var request = Self.request(.randomForestClassifier, target: "value")
        request.exclude = ["label"]
        #expect(throws: PipelineError.unsuitableData(
            "fixture: target column 'value' has 400 distinct values; a classifier accepts at most 100 "
                + "(raise it with --max-classes, or use random-forest-regressor for a numeric target).")) {
            try ModelTraining.train(request, on: data, source: "fixture")
        }
        request.maxClasses = 400
        request.hyperparameters.trees = 2
        let result = try ModelTraining.train(request, on: data, source: "fixture")
        guard case .randomForestClassifier(let forest) = result.model else {
            Issue.record("trained a \(result.model.algorithm)")
            return
        }
        #expect(forest.classNames.count == 400)
    }

    @Test("a request without the target a supervised algorithm needs is refused")
    func missingTarget() {
        #expect(throws: PipelineError.invalidRequest("--target is required for random-forest-regressor.")) {
            try ModelTraining.train(Self.request(.randomForestRegressor, target: nil), on: PipelineFixtures.table(), source: "fixture")
        }
    }
}
