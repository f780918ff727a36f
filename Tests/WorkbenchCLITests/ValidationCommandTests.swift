import Foundation
import Testing
import TestSupport

/// `train --validation` end to end: held-out figures in the model file and the registry, shown by
/// `models show`, `models diff` (text and JSON); plus the JSON forms of `models history` and `dataset inspect`.
@Suite("train --validation and the models commands")
struct ValidationCommandTests {
    @Test("walk-forward figures reach the file, the registry, show and diff, each labelled with how they were measured")
    func walkForward() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let (train, _) = try EvaluateCommandTests.split(in: directory)
        let registry = directory.appendingPathComponent("registry").path
        let file = directory.appendingPathComponent("rf.h5").path
        let common = ["train", "--data", train, "--target", "label", "--algorithm", "random-forest-classifier",
                      "--exclude", "incident_kind", "--time", "timestamp", "--group", "tenant_id", "--trees", "20",
                      "--registry", registry, "--register", "incidents"]
        let textfile = directory.appendingPathComponent("train.prom").path
        let first = try TestSupport.workbench(common + ["--validation", "walk-forward:3", "--output", file, "--json",
                                                        "--metrics-textfile", textfile])
        #expect(first.status == 0, "\(first.standardError)")
        let summary = try EvaluateCommandTests.object(first.standardOutput)
        let metrics = try #require(summary["metrics"] as? [String: Double])
        #expect(metrics["oob_accuracy"] != nil)
        for key in ["validation_roc_auc", "validation_average_precision", "validation_f1", "validation_event_recall"] {
            #expect(metrics[key] != nil, "no \(key)")
        }
        let prom = try String(contentsOfFile: textfile, encoding: .utf8)
        #expect(prom.contains("measured=\"validation\""), "\(prom)")
        let validation = try #require(summary["validation"] as? [String: Any])
        #expect(validation["strategy"] as? String == "walk-forward:3")
        #expect((validation["measured_on"] as? [String])?.count == 3)

        let second = try TestSupport.workbench(common)
        #expect(second.status == 0, "\(second.standardError)")

        let show = try TestSupport.workbench(["models", "show", "incidents@v1", "--registry", registry])
        #expect(show.status == 0, "\(show.standardError)")
        #expect(show.standardOutput.contains("metric.validation_roc_auc"))
        #expect(show.standardOutput.contains("validation.split3"))
        #expect(show.standardOutput.contains("walk-forward validation, 3 expanding-window folds in time order, fold 3 of 3: tested on"))
        #expect(show.standardOutput.contains("window"))

        let diff = try TestSupport.workbench(["models", "diff", "incidents@v1", "incidents@v2", "--registry", registry, "--json"])
        #expect(diff.status == 0, "\(diff.standardError)")
        let rows = try #require(try EvaluateCommandTests.object(diff.standardOutput)["rows"] as? [[String: Any]])
        let strategy = try #require(rows.first { $0["section"] as? String == "validation" && $0["field"] as? String == "strategy" })
        #expect(strategy["left"] as? String == "walk-forward:3" && strategy["right"] as? String == "")
        #expect(strategy["differs"] as? Bool == true)
        let text = try TestSupport.workbench(["models", "diff", "incidents@v1", "incidents@v2", "--registry", registry])
        #expect(text.standardOutput.contains("metrics.validation_roc_auc"))

        // The model file carries the same record (Python readers see `validation` in metadata_json).
        let check = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
            import h5py, json, sys
            meta = json.loads(h5py.File(sys.argv[1], "r").attrs["metadata_json"])
            print(meta["validation"]["strategy"], len(meta["validation"]["measured_on"]), "validation_roc_auc" in meta["metrics"])
            """, file])
        #expect(check.standardOutput == "walk-forward:3 3 True\n", "\(check.standardError)")
    }

    @Test("a time-ordered strategy without --time, or a bad strategy, exits 64 naming the problem")
    func usage() throws {
        let data = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path
        let base = ["train", "--data", data, "--target", "label", "--algorithm", "random-forest-classifier",
                    "--output", "/tmp/never-written.h5"]
        let noTime = try TestSupport.workbench(base + ["--validation", "time:25%"])
        #expect(noTime.status == 64)
        #expect(noTime.standardError.contains("needs --time"))
        let bad = try TestSupport.workbench(base + ["--validation", "holdout:3"])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("Unknown validation strategy \\\"holdout\\\"") || bad.standardError.contains("holdout"))
        let kfold = try TestSupport.workbench(base + ["--validation", "kfold:3", "--trees", "10", "--json",
                                                      "--output", try TestSupport.makeTemporaryDirectory().path + "/m.h5"])
        #expect(kfold.status == 0, "\(kfold.standardError)")
        #expect(kfold.standardOutput.contains("\"time_ordered\" : false"))
    }

    @Test("models history --json and dataset inspect --json print parseable objects")
    func jsonForms() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let registry = directory.appendingPathComponent("registry").path
        let data = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path
        #expect(try TestSupport.workbench(["train", "--data", data, "--target", "label", "--algorithm",
                                           "random-forest-classifier", "--trees", "5", "--registry", registry,
                                           "--register", "b"]).status == 0)
        #expect(try TestSupport.workbench(["models", "promote", "b@v1", "--alias", "production", "--registry", registry,
                                           "--reason", "first"]).status == 0)
        let history = try TestSupport.workbench(["models", "history", "b", "--json", "--registry", registry])
        #expect(history.status == 0, "\(history.standardError)")
        let moves = try #require(JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
        #expect(moves.count == 1 && moves[0]["alias"] as? String == "production")

        let inspect = try TestSupport.workbench(["dataset", "inspect", data, "--json"])
        #expect(inspect.status == 0, "\(inspect.standardError)")
        let facts = try EvaluateCommandTests.object(inspect.standardOutput)
        #expect(facts["rows"] as? Int == 683)
        let columns = try #require(facts["columns"] as? [[String: Any]])
        #expect(columns.count == 10 && columns.last?["name"] as? String == "label" && columns.last?["max"] as? Double == 1)
    }
}
