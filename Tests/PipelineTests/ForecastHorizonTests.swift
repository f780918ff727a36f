import Datasets
import Foundation
import Evaluation
import Forests
import ModelStore
import Testing
@testable import Pipeline

@Suite("Forecasting rows ahead")
struct ForecastHorizonTests {
    static let steps = 60, horizon = 3, start = 1_767_571_200.0

    static func load(_ group: Int, _ step: Int) -> Double {
        50 + 30 * sin(Double(step) / 6) + 10 * Double(group) + Double(step % 7)
    }

    /// Two tenants × `steps` five-minute buckets, rows in a scrambled order (so order comes from the time column).
    static func series() throws -> (data: Dataset, cells: [(group: Int, step: Int)]) {
        let plain = (0 ..< steps).flatMap { step in (0 ..< 2).map { (group: $0, step: step) } }
        let cells = plain.indices.sorted { ($0 * 7919) % plain.count < ($1 * 7919) % plain.count }.map { plain[$0] }
        let data = try Dataset(columns: [
            Column(name: "load", data: .numeric(cells.map { load($0.group, $0.step) })),
            Column(name: "noise", data: .numeric(cells.map { Double(($0.step * 13) % 11) })),
            Column(name: "timestamp", data: .numeric(cells.map { start + Double($0.step) * 300 })),
            Column(name: "tenant", data: .text(cells.map { "t\($0.group)" })),
        ])
        return (data, cells)
    }

    static func request(horizon: Int? = ForecastHorizonTests.horizon) -> TrainingRequest {
        var request = ModelTrainingTests.request(.randomForestRegressor, target: "load") { $0.trees = 5 }
        request.exclude = []
        request.time = "timestamp"
        request.group = "tenant"
        request.horizon = horizon
        return request
    }

    @Test("the row a row forecasts is the one `horizon` steps later in its own group, whatever the input order")
    func rowsAhead() throws {
        let (data, cells) = try Self.series()
        let forecast = try ForecastHorizon(ForecastRecord(horizon: Self.horizon, time: "timestamp", group: "tenant", target: "load"))
        let ahead = try forecast.rowsAhead(in: data, source: "series")
        for (row, cell) in cells.enumerated() {
            if cell.step + Self.horizon < Self.steps {
                let later = try #require(ahead[row])
                #expect(cells[later].group == cell.group && cells[later].step == cell.step + Self.horizon)
            } else {
                #expect(ahead[row] == nil)
            }
        }
        #expect(ahead.compactMap { $0 }.count == 2 * (Self.steps - Self.horizon))
    }

    @Test("training with a horizon equals training on hand-paired rows, and the metadata records the forecast")
    func trainingPairsRows() throws {
        let (data, cells) = try Self.series()
        let trained = try ModelTraining.train(Self.request(), on: data, source: "series")
        let kept = cells.indices.filter { cells[$0].step + Self.horizon < Self.steps }
        let paired = try Dataset(columns: [
            Column(name: "load", data: .numeric(kept.map { Self.load(cells[$0].group, cells[$0].step) })),
            Column(name: "noise", data: .numeric(kept.map { Double((cells[$0].step * 13) % 11) })),
            Column(name: "timestamp", data: .numeric(kept.map { Self.start + Double(cells[$0].step + Self.horizon) * 300 })),
            Column(name: "tenant", data: .text(kept.map { "t\(cells[$0].group)" })),
            Column(name: "load+3", data: .numeric(kept.map { Self.load(cells[$0].group, cells[$0].step + Self.horizon) })),
        ])
        var manual = Self.request(horizon: nil)
        manual.target = "load+3"
        let reference = try ModelTraining.train(manual, on: paired, source: "series")
        #expect(trained.metadata.forecast == ForecastRecord(horizon: 3, time: "timestamp", group: "tenant", target: "load"))
        #expect(trained.metadata.features == ["load", "noise"] && trained.metadata.lineage.rows == kept.count)
        #expect(trained.metadata.lineage.windowEnd == reference.metadata.lineage.windowEnd)
        guard case .randomForestRegressor(let forest) = trained.model,
              case .randomForestRegressor(let expected) = reference.model else { Issue.record("not regressors"); return }
        let x = try data.featureMatrix(columns: ["load", "noise"])
        #expect(try forest.predict(x) == expected.predict(x))
    }

    @Test("evaluation scores each row against the value `horizon` rows later; predict names that instant")
    func evaluationAndPrediction() throws {
        let (data, cells) = try Self.series()
        let trained = try ModelTraining.train(Self.request(), on: data, source: "series")
        guard case .randomForestRegressor(let forest) = trained.model else { Issue.record("not a regressor"); return }
        var options = ModelEvaluation.Options(target: "load")
        options.interval = 0.8
        let result = try ModelEvaluation.evaluate(
            candidate: (trained.model, trained.metadata, "m"), baseline: nil, on: data, source: "later.csv", options: options)
        let kept = cells.indices.filter { cells[$0].step + Self.horizon < Self.steps }
        let x = try data.selectingRows(kept).featureMatrix(columns: ["load", "noise"])
        let predicted = try forest.predictWithSpread(x).mean  // what `predict` writes as `prediction`
        let actual = kept.map { Self.load(cells[$0].group, cells[$0].step + Self.horizon) }
        #expect(result.rows == kept.count)
        #expect(result.metrics == .regression(try RegressionMetrics.compute(truth: actual, predictions: predicted)))
        #expect(result.measuredOn.contains("forecasts of 'load' 3 rows ahead within each 'tenant'"))
        #expect(result.measuredOn.contains("(6 rows without a value 3 rows ahead not scored)"))
        let bounds = try forest.predictQuantiles(x, levels: [0.1, 0.9])
        let inside = actual.indices.filter { bounds[0][$0] <= actual[$0] && actual[$0] <= bounds[1][$0] }.count
        #expect(result.interval?.coverage == Double(inside) / Double(actual.count) && result.interval?.share == 0.8)
        #expect(result.flatMetrics["interval_coverage"] == result.interval?.coverage)

        var scoring = ModelScoring.Options()
        scoring.interval = 0.8
        let output = try ModelScoring.predict(trained.model, metadata: trained.metadata, on: data, source: "later.csv",
                                              options: scoring).dataset
        #expect(output.columnNames == ["prediction", "prediction_std", "prediction_low", "prediction_high", "forecast_for"])
        guard case .text(let instants)? = output.column(named: "forecast_for")?.data else { Issue.record("forecast_for"); return }
        for (row, cell) in cells.enumerated() {
            let expected = cell.step + Self.horizon < Self.steps ? String(Int(Self.start) + (cell.step + Self.horizon) * 300) : nil
            #expect(instants[row] == expected, "row \(row)")
        }
    }

    @Test("horizon refusals: not a regressor, no time column, below 1, a compared model of another horizon")
    func refusals() throws {
        let (data, _) = try Self.series()
        var classifier = Self.request()
        classifier.algorithm = .randomForestClassifier
        #expect(throws: PipelineError.invalidRequest("--horizon applies only to random-forest-regressor; got random-forest-classifier.")) {
            try ModelTraining.train(classifier, on: data, source: "series")
        }
        var untimed = Self.request()
        untimed.time = nil
        untimed.group = nil
        #expect(throws: PipelineError.self) { try ModelTraining.train(untimed, on: data, source: "series") }
        #expect(throws: PipelineError.invalidRequest("--horizon must be ≥ 1 row; got 0.")) {
            try ModelTraining.train(Self.request(horizon: 0), on: data, source: "series")
        }
        let three = try ModelTraining.train(Self.request(), on: data, source: "series")
        let one = try ModelTraining.train(Self.request(horizon: 1), on: data, source: "series")
        #expect(throws: PipelineError.self) {
            try ModelEvaluation.evaluate(candidate: (three.model, three.metadata, "a"), baseline: (one.model, one.metadata, "b"),
                                         on: data, source: "later.csv", options: .init(target: "load"))
        }
        let plain = try ModelTraining.train(Self.request(horizon: nil), on: data, source: "series")
        #expect(throws: PipelineError.invalidRequest(
            "b forecasts 'load' 3 rows ahead; a does not forecast: compare models of the same horizon.")) {
            try ModelEvaluation.evaluate(candidate: (plain.model, plain.metadata, "a"), baseline: (three.model, three.metadata, "b"),
                                         on: data, source: "later.csv", options: .init(target: "load"))
        }
        #expect(throws: PipelineError.self) {
            try ModelEvaluation.evaluate(candidate: (three.model, three.metadata, "a"), baseline: nil,
                                         on: data, source: "later.csv", options: .init(target: "noise"))
        }
        var interval = ModelScoring.Options()
        interval.interval = 1.2
        #expect(throws: PipelineError.invalidRequest("--interval must be in (0, 1), e.g. 0.8; got 1.2.")) {
            try ModelScoring.predict(three.model, metadata: three.metadata, on: data, source: "later.csv", options: interval)
        }
    }
}
