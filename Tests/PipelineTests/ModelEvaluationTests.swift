import Datasets
import Evaluation
import ModelStore
import Testing
@testable import Pipeline

@Suite("Model evaluation")
struct ModelEvaluationTests {
    /// The fixture with `timestamp` (5-minute buckets, two groups per bucket) and `tenant` columns.
    static func timed(rows: Int = 400) throws -> Dataset {
        var data = try PipelineFixtures.table(rows: rows)
        try data.append(Column(name: "timestamp", data: .numeric((0 ..< rows).map { 1_767_571_200 + Double($0 / 2) * 300 })))
        try data.append(Column(name: "tenant", data: .text((0 ..< rows).map { "t\($0 % 2)" })))
        return data
    }

    static func rows(_ data: Dataset, _ range: Range<Int>) throws -> Dataset { try data.selectingRows(Array(range)) }

    static func trained(_ algorithm: ModelAlgorithm, on data: Dataset, target: String = "label", seed: UInt64 = 4,
                        depth: Int? = nil) throws -> TrainingResult {
        var request = ModelTrainingTests.request(algorithm, target: target) { $0.seed = seed; $0.maxDepth = depth }
        request.exclude += ["tenant"]
        request.time = "timestamp"
        if algorithm.isAnomalyDetector { request.exclude.append("label") }
        return try ModelTraining.train(request, on: data, source: "train")
    }

    static func evaluate(_ model: TrainingResult, against: TrainingResult? = nil, on data: Dataset,
                         options: ModelEvaluation.Options) throws -> EvaluationResult {
        try ModelEvaluation.evaluate(candidate: (model.model, model.metadata, "candidate"),
                                     baseline: against.map { ($0.model, $0.metadata, "baseline") }, on: data,
                                     source: "test.csv", options: options)
    }

    @Test("classifier metrics and events equal the Evaluation library's on the same arrays")
    func classifierMatchesLibrary() throws {
        let data = try Self.timed()
        let model = try Self.trained(.randomForestClassifier, on: Self.rows(data, 0 ..< 280))
        let test = try Self.rows(data, 280 ..< 400)
        let result = try Self.evaluate(model, on: test, options: .init(target: "label", time: "timestamp", group: "tenant"))
        let scored = result.scored[0]
        let truth = try #require(scored.binaryTruth), alerts = try #require(scored.alerts)
        guard case .numeric(let labels) = test.column(named: "label")!.data else { Issue.record("label"); return }
        #expect(truth == labels.map { Int($0) })
        #expect(result.task == .classification && result.rows == 120 && result.positive == "1")
        guard case .classification(let metrics) = result.metrics else { Issue.record("task"); return }
        #expect(metrics.rocAUC == (try Metrics.rocAUC(truth: truth, scores: scored.scores!)))
        #expect(result.flatMetrics["accuracy"] == metrics.accuracy)
        let events = try EventMetrics.compute(groups: result.groups!, times: result.times!, truth: truth, alerts: alerts)
        #expect(result.events == events)
        #expect(result.flatMetrics["event_recall"] == events.recall)
        #expect(result.measuredOn.hasPrefix("test.csv: 120 rows, 2026-01-05T11:40:00Z … 2026-01-05T16:35:00Z"))
        #expect(result.measuredOn.contains("after the training window of candidate (ends 2026-01-05T11:40:00Z)"))
        #expect(result.warnings.isEmpty)
    }

    @Test("rows inside the training window are called out in measured_on")
    func overlapWarning() throws {
        let data = try Self.timed()
        var request = ModelTrainingTests.request(.randomForestClassifier)
        request.exclude += ["tenant"]
        request.time = "timestamp"
        let model = try ModelTraining.train(request, on: Self.rows(data, 0 ..< 300), source: "train")
        let result = try Self.evaluate(model, on: Self.rows(data, 200 ..< 400), options: .init(target: "label", time: "timestamp"))
        #expect(result.measuredOn.contains("WARNING: overlaps the training window of candidate"))
        #expect(result.warnings == ["test.csv starts at 2026-01-05T08:20:00Z, inside the training window of candidate "
            + "(ends 2026-01-05T12:30:00Z): its figures are optimistic; evaluate on rows from 2026-01-05T12:30:00Z on."])
    }

    @Test("a model compared with itself differs by exactly 0; a shallower regressor is worse on r2")
    func comparisons() throws {
        let data = try Self.timed()
        let train = try Self.rows(data, 0 ..< 300), test = try Self.rows(data, 300 ..< 400)
        let model = try Self.trained(.randomForestClassifier, on: train)
        let same = try Self.evaluate(model, against: model, on: test, options: .init(target: "label", time: "timestamp"))
        let comparison = try #require(same.comparison)
        #expect(comparison.metric == .averagePrecision && comparison.difference == 0)
        #expect(comparison.ciLow == 0 && comparison.ciHigh == 0)

        let deep = try Self.trained(.randomForestRegressor, on: train, target: "value")
        let stump = try Self.trained(.randomForestRegressor, on: train, target: "value", depth: 1)
        let result = try Self.evaluate(deep, against: stump, on: test, options: .init(target: "value"))
        let regression = try #require(result.comparison)
        #expect(regression.metric == .r2 && regression.ciLow > 0)
        guard case .regression(let metrics) = result.metrics else { Issue.record("task"); return }
        #expect(metrics == (try RegressionMetrics.compute(truth: result.scored[0].numericTruth!,
                                                          predictions: result.scored[0].predictions!)))
        #expect(result.events == nil)
        #expect(throws: PipelineError.self) {
            try Self.evaluate(deep, against: model, on: test, options: .init(target: "value"))
        }
    }

    @Test("a detector alerts where it reaches its lowest alert level; ISO times read as epoch seconds do")
    func detectorAndISOTimes() throws {
        let data = try Self.timed()
        let model = try Self.trained(.isolationForest, on: Self.rows(data, 0 ..< 300))
        let test = try Self.rows(data, 300 ..< 400)
        let result = try Self.evaluate(model, on: test, options: .init(target: "label", time: "timestamp", group: "tenant"))
        let scored = result.scored[0]
        let warn = try #require(model.metadata.thresholds.alertLevels().first)
        #expect(scored.alerts == scored.scores!.map { $0 >= warn.value ? 1 : 0 })
        #expect(result.task == .anomaly && result.events != nil)

        guard case .numeric(let seconds) = test.column(named: "timestamp")!.data else { Issue.record("time"); return }
        var iso = test
        try iso.append(Column(name: "when", data: .text(seconds.map { TimeColumn.iso($0) })))
        let again = try Self.evaluate(model, on: iso, options: .init(target: "label", time: "when", group: "tenant"))
        #expect(again.events == result.events && again.times == result.times)
    }

    @Test("bad requests and labels are refused with sentences")
    func errors() throws {
        let data = try Self.timed()
        let model = try Self.trained(.randomForestClassifier, on: Self.rows(data, 0 ..< 300))
        let test = try Self.rows(data, 300 ..< 400)
        #expect(throws: PipelineError.invalidRequest("--group needs --time: incidents are runs of rows in time order within a group.")) {
            try Self.evaluate(model, on: test, options: .init(target: "label", group: "tenant"))
        }
        #expect(throws: PipelineError.self) { try Self.evaluate(model, on: test, options: .init(target: "label", positive: "2")) }
        #expect(throws: DatasetError.self) { try Self.evaluate(model, on: test, options: .init(target: "nothing")) }
        var relabelled = try PipelineFixtures.table(rows: 100)
        relabelled = try Dataset(columns: relabelled.columns.map {
            $0.name == "label" ? Column(name: "label", data: .numeric(Array(repeating: 7, count: 100))) : $0
        })
        #expect(throws: PipelineError.self) { try Self.evaluate(model, on: relabelled, options: .init(target: "label")) }
    }
}
