import Datasets
import Evaluation
import Features
import Foundation
import ModelStore
import Testing
import TestSupport
@testable import Pipeline

@Suite("Training and scoring with a feature spec")
struct FeatureTrainingTests {
    /// The bundled synthetic collector metrics (3 024 rows, 4 tenants, 5-minute buckets, text tenant and incident kind).
    static func metrics() throws -> Dataset {
        try DatasetIO.read(path: TestSupport.datasetsDirectory.appendingPathComponent("synthetic/metrics.wide.csv").path,
                           csvOptions: .inferred)
    }

    static func request(spec: FeatureSpec? = .default) -> TrainingRequest {
        var request = ModelTrainingTests.request(.randomForestClassifier)
        request.exclude = []
        request.featureSpec = spec
        return request
    }

    @Test("the model learns the spec's outputs, stores the spec, and scores raw rows exactly as the applied spec")
    func storedAndApplied() throws {
        let data = try Self.metrics()
        let result = try ModelTraining.train(Self.request(), on: data, source: "metrics.wide.csv")
        let expectedNames = try FeatureSpec.default.featureNames(for: data, excluding: ["label"])
        #expect(result.metadata.features == expectedNames)
        #expect(result.metadata.features.contains("database/cpu_usage_percent:robust_z_1d"))
        #expect(!result.metadata.features.contains("label") && !result.metadata.features.contains("timestamp"))
        let stored = try #require(try ModelFeatures.spec(of: result.metadata))
        #expect(stored.time == "timestamp" && stored.group == "tenant_id" && stored.exclude == ["label"])
        #expect(stored.transforms == FeatureSpec.default.transforms)
        #expect(result.warnings.isEmpty)

        let directory = try TestSupport.makeTemporaryDirectory("featurewire")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("m.h5")
        try ModelFile.save(result.model, metadata: result.metadata, selfTestRows: result.selfTestRows, to: file)
        let loaded = try ModelFile.load(file)
        #expect(loaded.metadata.featureSpec == result.metadata.featureSpec)
        let raw = try ModelScoring.predict(loaded, on: data, source: "metrics.wide.csv")
        let matrix = try FeatureSpec.default.apply(to: data, excluding: ["label"])
            .featureMatrix(columns: result.metadata.features)
        guard case .randomForestClassifier(let forest) = result.model else {
            Issue.record("trained a \(result.model.algorithm)")
            return
        }
        let manual = try forest.predictProbabilities(matrix)
        #expect(raw.dataset.column(named: "probability_1")?.data == .numeric(manual.column(1)))

        var noted = result.metadata
        noted.preprocessing["feature_spec"] = noted.featureSpec
        noted.featureSpec = nil
        let columns = try FeatureSpec.default.apply(to: data, excluding: ["label"])
        let precomputed = try ModelScoring.predict(result.model, metadata: noted, on: columns, source: "features.csv")
        #expect(precomputed.dataset == raw.dataset,
                "a spec only noted under preprocessing is not applied again to already-computed columns")
    }

    @Test("a spec reading the target or the time column is refused before any work")
    func refusals() throws {
        let data = try Self.metrics()
        var spec = FeatureSpec.default
        spec.transforms = [.raw(columns: ["database/cpu_usage_percent", "label"])]
        #expect(throws: PipelineError.invalidRequest(
            "The feature spec's transforms[0] (raw) reads 'label', the --target column; the --target column cannot be a feature.")) {
            try ModelTraining.train(Self.request(spec: spec), on: data, source: "m.csv")
        }
        spec.transforms = [.lag(rows: 1, columns: ["timestamp"])]
        #expect(throws: PipelineError.invalidRequest(
            "The feature spec's transforms[0] (lag) reads 'timestamp', the --time column; the --time column cannot be a feature.")) {
            try ModelTraining.train(Self.request(spec: spec), on: data, source: "m.csv")
        }
        var request = Self.request()
        request.features = ["database/cpu_usage_percent:nonsense"]
        #expect(throws: PipelineError.self) { try ModelTraining.train(request, on: data, source: "m.csv") }
    }

    @Test("--time and --group override the spec's columns; without them the spec's are used")
    func precedence() {
        var request = Self.request()
        #expect(request.resolved.time == "timestamp" && request.resolved.group == "tenant_id")
        request.time = "ts"
        request.group = "host"
        let resolved = request.resolved
        #expect(resolved.featureSpec?.time == "ts" && resolved.featureSpec?.group == "host")
        #expect(resolved.time == "ts" && resolved.group == "host")
        #expect(Self.request(spec: nil).resolved == Self.request(spec: nil))
    }

    @Test("a column named like a label or a timestamp that becomes a feature is reported as a warning")
    func warnings() throws {
        var data = try PipelineFixtures.table()
        try data.append(Column(name: "created_at", data: .numeric((0 ..< 400).map(Double.init))))
        var request = ModelTrainingTests.request(.isolationForest, target: nil)
        request.exclude = ["value"]
        let result = try ModelTraining.train(request, on: data, source: "fixture")
        #expect(result.warnings.count == 2)
        #expect(result.warnings.first { $0.hasPrefix("Column 'label' looks like a label") } != nil)
        #expect(result.warnings.first { $0.hasPrefix("Column 'created_at' looks like a timestamp") } != nil)
        request.features = ["a", "b", "label"]
        #expect(try ModelTraining.train(request, on: data, source: "fixture").warnings.isEmpty,
                "columns listed in --features are meant")
    }

    @Test("time:25% validation with a spec trains on the older rows and measures the newest quarter")
    func validation() throws {
        var request = Self.request()
        request.validation = .timeHoldout(percent: 25)
        let result = try ModelTraining.train(request, on: try Self.metrics(), source: "metrics.wide.csv")
        #expect(result.metadata.metrics["validation_roc_auc"] != nil)
        #expect(result.metadata.featureSpec != nil)
    }

    /// Pipeline-level leakage: perturb every value after T and append later rows; predictions up to T stay.
    @Test("changing rows after T and appending later rows leaves every prediction at or before T unchanged")
    func noLeakage() throws {
        let data = try Self.metrics()
        let result = try ModelTraining.train(Self.request(), on: data, source: "metrics.wide.csv")
        guard case .numeric(let times)? = data.column(named: "timestamp")?.data else {
            Issue.record("timestamp is not numeric")
            return
        }
        let cut = times.sorted()[times.count * 3 / 5]
        let later = (0 ..< data.rowCount).filter { times[$0] > cut }
        let appended = try data.selectingRows(later)
        let span = times.max()! - times.min()! + 300
        let future = try Dataset(columns: data.columns.map { column in
            let original = appended.column(named: column.name)!.data
            switch original {
            case .text(let values): return Column(name: column.name, data: .text(values))
            case .numeric(let values):
                if column.name == "timestamp" { return Column(name: column.name, data: .numeric(values.map { $0 + span })) }
                return Column(name: column.name, data: .numeric(values.map { $0 * 7 + 13 }))
            }
        })
        let perturbed = try Dataset(columns: data.columns.enumerated().map { index, column in
            let tail = future.columns[index].data
            switch column.data {
            case .text(let values):
                guard case .text(let extra) = tail else { fatalError("column kinds differ") }
                return Column(name: column.name, data: .text(values + extra))
            case .numeric(let values):
                guard case .numeric(let extra) = tail else { fatalError("column kinds differ") }
                let changed = column.name == "timestamp" || column.name == "label" ? values
                    : values.enumerated().map { row, value in times[row] > cut ? value * -3 + 1 : value }
                return Column(name: column.name, data: .numeric(changed + extra))
            }
        })
        let before = try ModelScoring.predict(result.model, metadata: result.metadata, on: data, source: "original")
        let after = try ModelScoring.predict(result.model, metadata: result.metadata, on: perturbed, source: "perturbed")
        let past = (0 ..< data.rowCount).filter { times[$0] <= cut }
        #expect(past.count > 1000 && later.count > 1000)
        let probabilities = { (predictions: Predictions) -> [Double] in
            guard case .numeric(let values)? = predictions.dataset.column(named: "probability_1")?.data else { return [] }
            return values
        }
        let (old, new) = (probabilities(before), probabilities(after))
        #expect(past.allSatisfy { old[$0] == new[$0] })
        #expect(later.contains { old[$0] != new[$0] }, "the perturbation must reach the model, or the test proves nothing")
    }
}

@Suite("Evaluating with context rows")
struct MeasuredFromTests {
    @Test("scoring some rows reads every row as history: the same outputs as scoring all rows and keeping those")
    func scoringSomeRows() throws {
        let data = try FeatureTrainingTests.metrics()
        let result = try ModelTraining.train(FeatureTrainingTests.request(), on: data, source: "metrics.wide.csv")
        let every = try ModelScoring.predict(result.model, metadata: result.metadata, on: data, source: "m").dataset
        let rows = Array(stride(from: data.rowCount - 1, to: data.rowCount / 2, by: -7))
        var options = ModelScoring.Options(keepColumns: ["tenant_id"])
        options.rows = rows
        let some = try ModelScoring.predict(result.model, metadata: result.metadata, on: data, source: "m", options: options)
        #expect(some.dataset.rowCount == rows.count)
        #expect(some.dataset.column(named: "tenant_id") == data.selectingRows(rows).column(named: "tenant_id"))
        for name in every.columnNames {
            #expect(some.dataset.column(named: name) == every.selectingRows(rows).column(named: name), "\(name)")
        }
        options.rows = [0, data.rowCount]
        #expect(throws: PipelineError.invalidRequest("Row \(data.rowCount) is not a row of m (\(data.rowCount) rows).")) {
            try ModelScoring.predict(result.model, metadata: result.metadata, on: data, source: "m", options: options)
        }
    }

    @Test("rows before measuredFrom give features their history but are not measured")
    func contextRows() throws {
        let data = try FeatureTrainingTests.metrics()
        guard case .numeric(let times)? = data.column(named: "timestamp")?.data else {
            Issue.record("timestamp is not numeric")
            return
        }
        let cut = times.sorted()[times.count * 3 / 4]
        let training = data.selectingRows((0 ..< data.rowCount).filter { times[$0] < cut })
        let later = (0 ..< data.rowCount).filter { times[$0] >= cut }
        let result = try ModelTraining.train(FeatureTrainingTests.request(), on: training, source: "first part")
        let model = (result.model, result.metadata, name: "candidate")
        var options = ModelEvaluation.Options(target: "label", time: "timestamp", group: "tenant_id")
        let alone = try ModelEvaluation.evaluate(candidate: model, baseline: nil, on: data.selectingRows(later),
                                                 source: "later rows", options: options)
        options.measuredFrom = cut
        let withHistory = try ModelEvaluation.evaluate(candidate: model, baseline: nil, on: data, source: "all rows",
                                                       options: options)
        #expect(withHistory.rows == later.count && alone.rows == later.count)
        #expect(withHistory.timeRange == alone.timeRange)
        // The same rows, scored with their history: the day-long robust z and the daily residuals are defined now.
        #expect(withHistory.metrics.flattened != alone.metrics.flattened)
        options.time = nil
        #expect(throws: PipelineError.self) {
            try ModelEvaluation.evaluate(candidate: model, baseline: nil, on: data, source: "all rows", options: options)
        }
    }
}
