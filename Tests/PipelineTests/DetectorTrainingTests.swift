import Datasets
import Forests
import ModelStore
import Testing
@testable import Pipeline

@Suite("Detector training and scoring")
struct DetectorTrainingTests {
    @Test("warn is the smallest score above −offset, so is_anomaly equals scikit-learn's predict (score > −offset_)",
          arguments: [ModelAlgorithm.isolationForest, .extendedIsolationForest])
    func warnLevelMatchesOffset(algorithm: ModelAlgorithm) throws {
        let data = try PipelineFixtures.table()
        var request = ModelTrainingTests.request(algorithm) { $0.contamination = .fraction(0.05) }
        request.exclude = ["value"]
        let result = try ModelTraining.train(request, on: data, source: "fixture")
        let offset: Double
        switch result.model {
        case .isolationForest(let forest): offset = forest.offset
        case .extendedIsolationForest(let forest): offset = forest.offset
        default: Issue.record("trained a \(result.model.algorithm)"); return
        }
        let warn = try #require(result.metadata.thresholds.first { $0.name == "warn" })
        #expect(warn.value == (-offset).nextUp && warn.purpose == .alert)
        let critical = try #require(result.metadata.thresholds.first { $0.name == "critical" })
        #expect(critical.value >= warn.value)
        #expect(result.metadata.thresholds.filter { $0.purpose == .reference }.map(\.name) == ["f1_optimal", "recall_0.9"])

        let predictions = try ModelScoring.predict(result.model, metadata: result.metadata, on: data, source: "fixture")
        guard case .numeric(let scores)? = predictions.dataset.column(named: "anomaly_score")?.data,
              case .numeric(let flags)? = predictions.dataset.column(named: "is_anomaly")?.data,
              case .text(let levels)? = predictions.dataset.column(named: "level")?.data else {
            Issue.record("missing detector columns: \(predictions.dataset.columnNames)")
            return
        }
        #expect(zip(scores, flags).allSatisfy { ($0 > -offset) == ($1 == 1) })
        #expect(abs(Double(flags.count { $0 == 1 }) - 0.05 * 400) <= 1)
        #expect(zip(flags, levels).allSatisfy { ($0 == 1) == ($1 != nil) })
        #expect(zip(scores, levels).allSatisfy { $1 != "critical" || $0 >= critical.value })
        #expect(try #require(result.metadata.metrics["roc_auc"]) > 0.5)
    }

    @Test("reference levels are reported but never flag a row")
    func referenceLevelsDoNotFlag() throws {
        let data = try PipelineFixtures.table()
        let result = try ModelTraining.train(ModelTrainingTests.request(.isolationForest), on: data, source: "fixture")
        var metadata = result.metadata
        metadata.thresholds = [ThresholdLevel(name: "f1_optimal", value: 0, score: "anomaly_score", purpose: .reference)]
        let predictions = try ModelScoring.predict(result.model, metadata: metadata, on: data, source: "fixture")
        #expect(predictions.dataset.column(named: "is_anomaly")?.data == .numeric(Array(repeating: 0, count: 400)))
    }

    @Test("a level is reached at exactly its value (score ≥ value) and the highest reached alert level is reported")
    func levelRule() {
        let levels = [
            ThresholdLevel(name: "critical", value: 0.7, score: "anomaly_score"),
            ThresholdLevel(name: "warn", value: 0.6, score: "anomaly_score"),
            ThresholdLevel(name: "f1_optimal", value: 0.65, score: "anomaly_score", purpose: .reference),
        ]
        #expect(levels.highestAlert(reachedBy: 0.6)?.name == "warn")
        #expect(levels.highestAlert(reachedBy: 0.6.nextDown) == nil)
        #expect(levels.highestAlert(reachedBy: 0.69)?.name == "warn")
        #expect(levels.highestAlert(reachedBy: 0.7)?.name == "critical")
        #expect(levels.alertLevels().map(\.name) == ["warn", "critical"])
    }

    @Test("scoring refuses a data set without the model's features, naming the column")
    func missingFeature() throws {
        let result = try ModelTraining.train(ModelTrainingTests.request(.isolationForest), on: PipelineFixtures.table(), source: "fixture")
        let other = try Dataset(columns: [Column(name: "a", data: .numeric([1, 2]))])
        #expect(throws: DatasetError.self) {
            try ModelScoring.predict(result.model, metadata: result.metadata, on: other, source: "other.csv")
        }
        #expect(throws: PipelineError.invalidRequest("--top-features must be ≥ 0; got -1.")) {
            try ModelScoring.predict(result.model, metadata: result.metadata, on: PipelineFixtures.table(), source: "x",
                                     options: .init(topFeatures: -1))
        }
    }
}
