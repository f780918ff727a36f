import Datasets
import Evaluation
import ModelStore
import Testing
@testable import Pipeline

@Suite("Training validation")
struct ModelValidationTests {
    @Test("time:25% stores exactly what training on the older rows and evaluating on the newest quarter gives")
    func holdoutEqualsManualSplit() throws {
        let data = try ModelEvaluationTests.timed()
        var request = ModelTrainingTests.request(.randomForestClassifier)
        request.exclude += ["tenant"]
        request.time = "timestamp"
        request.group = "tenant"
        request.validation = .timeHoldout(percent: 25)
        let result = try ModelTraining.train(request, on: data, source: "all.csv")

        // The newest 25 % of the span: buckets at or after oldest + 0.75 × (newest − oldest).
        let cutoff = 1_767_571_200 + 0.75 * 199 * 300
        guard case .numeric(let times) = data.column(named: "timestamp")!.data else { Issue.record("time"); return }
        let train = times.indices.filter { times[$0] < cutoff }, test = times.indices.filter { times[$0] >= cutoff }
        var plain = request
        plain.validation = nil
        let manual = try ModelTraining.train(plain, on: data.selectingRows(train), source: "older")
        let measured = try ModelEvaluation.evaluate(
            candidate: (manual.model, manual.metadata, "m"), baseline: nil, on: data.selectingRows(test), source: "newer",
            options: .init(target: "label", time: "timestamp", group: "tenant"))
        for (key, value) in measured.flatMetrics {
            #expect(result.metadata.metrics["validation_" + key] == value, "validation_\(key)")
        }
        #expect(result.metadata.metrics["oob_accuracy"] != nil)
        let record = try #require(result.metadata.validation)
        #expect(record.strategy == "time:25%" && record.timeOrdered && record.testRows == test.count)
        #expect(record.measuredOn.count == 1 && record.measuredOn[0].contains("(\(test.count) rows)"))
        #expect(result.metadata.keyMetric == "validation_roc_auc")
        #expect(result.metadata.lineage.windowStart == "2026-01-05T00:00:00Z")
        #expect(result.metadata.lineage.windowEnd == "2026-01-05T16:40:00Z")
        #expect(result.summary.lines(output: nil, registered: nil).contains { $0.hasPrefix("validation  time:25%") })
    }

    @Test("walk-forward figures come from the held-out rows: scrambling the newest targets changes them, not the splits")
    func walkForwardMeasuresHeldOutRows() throws {
        let data = try ModelEvaluationTests.timed()
        var request = ModelTrainingTests.request(.randomForestRegressor, target: "value")
        request.exclude += ["tenant"]
        request.time = "timestamp"
        request.validation = .walkForward(folds: 2)
        let base = try ModelTraining.train(request, on: data, source: "d")
        // Scramble the target of the newest rows (the last fold's test rows): the figures must move.
        let changed = try Dataset(columns: data.columns.map { column in
            guard column.name == "value", case .numeric(let values) = column.data else { return column }
            return Column(name: "value", data: .numeric(values.enumerated().map { $0 >= 380 ? -$1 * 50 : $1 }))
        })
        let perturbed = try ModelTraining.train(request, on: changed, source: "d")
        #expect(base.metadata.validation?.measuredOn == perturbed.metadata.validation?.measuredOn)
        #expect(base.metadata.metrics["validation_r2"] != perturbed.metadata.metrics["validation_r2"])
        #expect(try #require(base.metadata.metrics["validation_r2"]) > 0.5)
    }

    @Test("time-ordered validation needs --time; validation needs a target")
    func refusals() throws {
        var request = ModelTrainingTests.request(.randomForestClassifier)
        request.validation = .walkForward(folds: 3)
        #expect(throws: PipelineError.invalidRequest("--validation walk-forward:3 is time-ordered and needs --time COLUMN.")) {
            try ModelTraining.train(request, on: PipelineFixtures.table(), source: "d")
        }
        var detector = ModelTrainingTests.request(.isolationForest, target: nil)
        detector.validation = .kFold(folds: 3)
        #expect(throws: PipelineError.self) { try ModelTraining.train(detector, on: PipelineFixtures.table(), source: "d") }
        var kfold = ModelTrainingTests.request(.randomForestClassifier)
        kfold.validation = .kFold(folds: 4)
        let result = try ModelTraining.train(kfold, on: PipelineFixtures.table(), source: "d")
        #expect(result.metadata.validation?.measuredOn.first?.hasPrefix("fold 1 of 4: tested on rows 1…100") == true)
        #expect(result.metadata.validation?.timeOrdered == false)
    }
}
