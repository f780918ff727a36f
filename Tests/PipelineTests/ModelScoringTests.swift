import Datasets
import ModelStore
import Testing
@testable import Pipeline

@Suite("Model scoring")
struct ModelScoringTests {
    @Test("kept input columns come first, in the order asked, and the summary counts classes")
    func keepColumns() throws {
        let data = try PipelineFixtures.table(adding: "tenant_id", .text((0 ..< 400).map { "t\($0 % 3)" }))
        var request = ModelTrainingTests.request(.randomForestClassifier)
        request.exclude = ["value", "tenant_id"]
        let result = try ModelTraining.train(request, on: data, source: "fixture")
        let predictions = try ModelScoring.predict(
            result.model, metadata: result.metadata, on: data, source: "fixture",
            options: .init(keepColumns: ["tenant_id", "value"]))
        #expect(predictions.dataset.columnNames == ["tenant_id", "value", "prediction", "probability_0", "probability_1"])
        #expect(predictions.dataset.column(named: "tenant_id") == data.column(named: "tenant_id"))
        let summary = PredictionSummary(predictions: predictions, model: "m.h5", data: "d.csv", output: "-")
        #expect(summary.rows == 400 && summary.flagged == nil)
        #expect(summary.predictedClasses?.values.reduce(0, +) == 400)
    }

    @Test("a kept column that is missing, repeated or named like an output is refused")
    func keepColumnErrors() throws {
        let data = try PipelineFixtures.table(adding: "prediction", .numeric(Array(repeating: 1, count: 400)))
        var request = ModelTrainingTests.request(.randomForestRegressor, target: "value")
        request.exclude = ["label", "prediction"]
        let result = try ModelTraining.train(request, on: data, source: "fixture")
        func predict(_ keep: [String]) throws -> Predictions {
            try ModelScoring.predict(result.model, metadata: result.metadata, on: data, source: "fixture",
                                     options: .init(keepColumns: keep))
        }
        #expect(throws: DatasetError.self) { try predict(["tenant_id"]) }
        #expect(throws: PipelineError.invalidRequest("--keep-columns names 'a' twice; name each column once.")) {
            try predict(["a", "a"])
        }
        #expect(throws: PipelineError.invalidRequest(
            "--keep-columns 'prediction' has the name of an output column; rename it in the input.")) {
            try predict(["prediction"])
        }
    }

    @Test("the training summary's JSON report carries the levels and the top features")
    func trainingReport() throws {
        let result = try ModelTraining.train(ModelTrainingTests.request(.randomForestClassifier), on: PipelineFixtures.table(),
                                             source: "fixture")
        let report = result.summary.report(output: nil, registered: "m@v1")
        #expect(report.registered == "m@v1" && report.saved == nil)
        #expect(report.topFeatures?.count == 3 && report.classes == ["0", "1"])
        #expect(report.metrics == result.metadata.metrics)
    }
}
