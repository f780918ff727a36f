import Foundation
import Testing
import TestSupport

/// `train --feature-spec` end to end: the spec's exit codes, warnings, text columns, and the stored spec used again
/// by `predict` and `evaluate`.
@Suite("train --feature-spec")
struct TrainFeatureSpecTests {
    static let metrics = EvaluateCommandTests.metrics

    @Test("a bad spec file exits 78 naming the key path; a spec reading the target exits 64")
    func specErrors() throws {
        let directory = try TestSupport.makeTemporaryDirectory("train-spec")
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("bad.yaml").path
        try "time: timestamp\ntransforms:\n  - kind: rolling\n    stats: [mean]\n    window: 1x\n"
            .write(toFile: spec, atomically: true, encoding: .utf8)
        let model = directory.appendingPathComponent("m.h5").path
        let common = ["train", "--data", Self.metrics, "--target", "label", "--algorithm", "random-forest-classifier",
                      "--output", model, "--trees", "5"]
        let bad = try TestSupport.workbench(common + ["--feature-spec", spec])
        #expect(bad.status == 78)
        #expect(bad.standardError.contains("\(spec): invalid feature spec: transforms[0].window: '1x' is not a duration"))
        let leaky = directory.appendingPathComponent("leaky.yaml").path
        try "time: timestamp\ngroup: tenant_id\ntransforms:\n  - kind: lag\n    rows: 1\n    columns: [label]\n"
            .write(toFile: leaky, atomically: true, encoding: .utf8)
        let refused = try TestSupport.workbench(common + ["--feature-spec", leaky])
        #expect(refused.status == 64)
        #expect(refused.standardError.contains("reads 'label', the --target column"))
        #expect(!FileManager.default.fileExists(atPath: model))
    }

    @Test("text columns that are not features are ignored with --features; a label-named feature is warned about")
    func textColumnsAndWarnings() throws {
        let directory = try TestSupport.makeTemporaryDirectory("train-spec")
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("m.h5").path
        let listed = try TestSupport.workbench([
            "train", "--data", Self.metrics, "--target", "label", "--algorithm", "random-forest-classifier",
            "--features", "database/cpu_usage_percent,api_gateway/requests_per_second", "--trees", "5", "--output", model,
        ])
        #expect(listed.status == 0, "\(listed.standardError)")
        #expect(!listed.standardError.contains("warning"))
        let csv = directory.appendingPathComponent("small.csv").path
        let rows = (0 ..< 60).map { "\($0 % 7),\($0 % 5),\($0 % 2)" }.joined(separator: "\n")
        try ("a,b,label\n" + rows + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let warned = try TestSupport.workbench([
            "train", "--data", csv, "--algorithm", "isolation-forest", "--trees", "5", "--output", model,
        ])
        #expect(warned.status == 0, "\(warned.standardError)")
        #expect(warned.standardError.contains("warning: Column 'label' looks like a label and is a feature"))
    }

    @Test("train on the older days with the default spec, then predict (keeping columns) and evaluate the newest days")
    func trainPredictEvaluate() throws {
        let directory = try TestSupport.makeTemporaryDirectory("train-spec")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (train, test) = try EvaluateCommandTests.split(in: directory)
        let model = directory.appendingPathComponent("m.h5").path
        try EvaluateCommandTests.train([
            "--data", train, "--target", "label", "--algorithm", "random-forest-classifier", "--time", "timestamp",
            "--group", "tenant_id", "--feature-spec", "default", "--output", model,
        ])
        let registry = directory.appendingPathComponent("models").path
        try EvaluateCommandTests.train([
            "--data", train, "--target", "label", "--algorithm", "random-forest-classifier", "--feature-spec", "default",
            "--register", "feat", "--registry", registry,
        ])
        let show = try TestSupport.workbench(["models", "show", "feat", "--registry", registry])
        #expect(show.status == 0, "\(show.standardError)")
        #expect(show.standardOutput.contains("feature spec") && show.standardOutput.contains("group: tenant_id"),
                "models show prints the stored spec")
        let predictions = directory.appendingPathComponent("p.csv").path
        let predict = try TestSupport.workbench([
            "predict", "--model", model, "--data", test, "--keep-columns", "timestamp,tenant_id", "--output", predictions,
        ])
        #expect(predict.status == 0, "\(predict.standardError)")
        let header = try String(contentsOfFile: predictions, encoding: .utf8).prefix { $0 != "\n" }
        #expect(header == "timestamp,tenant_id,prediction,probability_0,probability_1")
        let evaluate = try TestSupport.workbench([
            "evaluate", "--model", model, "--data", test, "--target", "label", "--time", "timestamp", "--group",
            "tenant_id", "--event-kind", "incident_kind", "--json",
        ])
        #expect(evaluate.status == 0, "\(evaluate.standardError)")
        let json = try EvaluateCommandTests.object(evaluate.standardOutput)
        let metrics = try #require(json["metrics"] as? [String: Any])
        #expect(metrics["roc_auc"] is Double && metrics["average_precision"] is Double)
        #expect(json["events"] is [String: Any])
    }
}
