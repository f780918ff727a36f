import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// `workbench evaluate` end to end: train on the first days of the bundled metrics, evaluate on the later days.
@Suite("evaluate")
struct EvaluateCommandTests {
    static let metrics = TestSupport.datasetsDirectory.appendingPathComponent("synthetic/metrics.wide.csv").path
    static let nonFeatures = "timestamp,tenant_id,incident_kind,label"

    /// The bundled metrics split at 70 % of the time span: (train.csv, test.csv) in `directory`; with
    /// `requiring`, rows with that cell empty are left out of both.
    static func split(in directory: URL, requiring column: String? = nil) throws -> (train: String, test: String) {
        let lines = try String(contentsOfFile: metrics, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let required = column.flatMap { header.firstIndex(of: $0) }
        let rows = lines.dropFirst().filter { line in
            guard let required else { return true }
            return !line.split(separator: ",", omittingEmptySubsequences: false)[required].isEmpty
        }
        let times = rows.map { Double($0.prefix { $0 != "," })! }
        let cut = times.min()! + 0.7 * (times.max()! - times.min()!)
        let train = directory.appendingPathComponent("train.csv").path
        let test = directory.appendingPathComponent("test.csv").path
        try ([lines[0]] + zip(rows, times).filter { $1 < cut }.map(\.0)).joined(separator: "\n")
            .appending("\n").write(toFile: train, atomically: true, encoding: .utf8)
        try ([lines[0]] + zip(rows, times).filter { $1 >= cut }.map(\.0)).joined(separator: "\n")
            .appending("\n").write(toFile: test, atomically: true, encoding: .utf8)
        return (train, test)
    }

    static func train(_ arguments: [String]) throws {
        let run = try TestSupport.workbench(["train", "--trees", "25", "--seed", "1"] + arguments)
        #expect(run.status == 0, "\(run.standardError)")
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("a classifier against an isolation forest on later days: metrics, events by kind, comparison with its CI")
    func classifierAgainstDetector() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let (train, test) = try Self.split(in: directory)
        let rf = directory.appendingPathComponent("rf.h5").path, iforest = directory.appendingPathComponent("if.h5").path
        try Self.train(["--data", train, "--target", "label", "--algorithm", "random-forest-classifier",
                        "--exclude", "timestamp,tenant_id,incident_kind", "--output", rf])
        try Self.train(["--data", train, "--target", "label", "--algorithm", "isolation-forest",
                        "--exclude", Self.nonFeatures, "--output", iforest])
        let run = try TestSupport.workbench([
            "evaluate", "--model", rf, "--data", test, "--target", "label", "--time", "timestamp",
            "--group", "tenant_id", "--event-kind", "incident_kind", "--against", iforest, "--json",
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let json = try Self.object(run.standardOutput)
        #expect(json["model"] as? String == rf)
        #expect(json["task"] as? String == "classification")
        #expect(json["rows"] as? Int == 909)
        let measured = try #require(json["measured_on"] as? String)
        #expect(measured.contains("test.csv: 909 rows, 2026-01-09T21:30:00Z … 2026-01-11T23:50:00Z"))
        let metrics = try #require(json["metrics"] as? [String: Any])
        for key in ["accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc", "average_precision",
                    "log_loss", "brier_score", "confusion_matrix"] {
            #expect(metrics.keys.contains(key), "metrics lack \(key)")
        }
        let matrix = try #require(metrics["confusion_matrix"] as? [[Int]])
        #expect(matrix.flatMap { $0 }.reduce(0, +) == 909)
        let events = try #require(json["events"] as? [String: Any])
        #expect(events["total"] as? Int == 2)
        let byKind = try #require(events["by_kind"] as? [String: Any])
        #expect(Set(byKind.keys) == ["drift", "spike"])
        for key in ["detected", "recall", "median_delay_seconds", "false_alerts_per_group_day"] {
            #expect(events.keys.contains(key), "events lack \(key)")
        }
        let against = try #require(json["against"] as? [String: Any])
        #expect(against["model"] as? String == iforest)
        #expect((against["metrics"] as? [String: Any])?.keys.contains("precision_at_k") == true)
        let comparison = try #require(json["comparison"] as? [String: Any])
        #expect(comparison["metric"] as? String == "average_precision")
        let low = try #require(comparison["ci_low"] as? Double), high = try #require(comparison["ci_high"] as? Double)
        let difference = try #require(comparison["difference"] as? Double)
        #expect(low <= difference && difference <= high && low < high)
        let candidate = try #require(comparison["candidate"] as? Double)
        #expect(abs(candidate - (metrics["average_precision"] as! Double)) < 1e-12)

        let table = try TestSupport.workbench([
            "evaluate", "--model", rf, "--data", test, "--target", "label", "--time", "timestamp", "--against", iforest,
        ])
        #expect(table.status == 0, "\(table.standardError)")
        #expect(table.standardOutput.contains("comparison  average_precision:"))
        #expect(table.standardOutput.contains("events.recall"))
    }

    @Test("evaluate --json equals sklearn.metrics on predict's output for the same rows")
    func sklearnParity() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let (train, test) = try Self.split(in: directory)
        let model = directory.appendingPathComponent("rf.h5").path
        try Self.train(["--data", train, "--target", "label", "--algorithm", "random-forest-classifier",
                        "--exclude", "timestamp,tenant_id,incident_kind", "--output", model])
        let predictions = directory.appendingPathComponent("p.csv").path
        #expect(try TestSupport.workbench(["predict", "--model", model, "--data", test, "--output", predictions]).status == 0)
        let run = try TestSupport.workbench(["evaluate", "--model", model, "--data", test, "--target", "label", "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let json = directory.appendingPathComponent("e.json").path
        try run.standardOutput.write(toFile: json, atomically: true, encoding: .utf8)
        let check = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
            import json, sys
            import pandas as pd
            from sklearn import metrics as m
            truth = pd.read_csv(sys.argv[1])["label"].astype(int).to_numpy()
            p = pd.read_csv(sys.argv[2])
            score, predicted = p["probability_1"].to_numpy(), p["prediction"].astype(int).to_numpy()
            ours = json.load(open(sys.argv[3]))["metrics"]
            expected = {
                "accuracy": m.accuracy_score(truth, predicted), "balanced_accuracy": m.balanced_accuracy_score(truth, predicted),
                "precision": m.precision_score(truth, predicted, zero_division=0), "recall": m.recall_score(truth, predicted),
                "f1": m.f1_score(truth, predicted), "roc_auc": m.roc_auc_score(truth, score),
                "average_precision": m.average_precision_score(truth, score),
                "log_loss": m.log_loss(truth, p[["probability_0", "probability_1"]].to_numpy(), labels=[0, 1]),
                "brier_score": m.brier_score_loss(truth, score)}
            bad = [k for k, v in expected.items() if abs(ours[k] - v) > 1e-9 * max(1, abs(v))]
            assert ours["confusion_matrix"] == m.confusion_matrix(truth, predicted).tolist(), "confusion_matrix"
            print("bad:", bad, {k: (ours[k], expected[k]) for k in bad})
            """, test, predictions, json])
        #expect(check.standardOutput == "bad: [] {}\n", "\(check.standardOutput) \(check.standardError)")
    }

    @Test("an isolation forest on a later slice of an ODDS set: anomaly metrics, no events without --time")
    func detectorOnOdds() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let source = try String(contentsOfFile: TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path,
                                encoding: .utf8).split(separator: "\n").map(String.init)
        let train = directory.appendingPathComponent("first.csv").path, test = directory.appendingPathComponent("rest.csv").path
        try ([source[0]] + source[1 ... 400]).joined(separator: "\n").write(toFile: train, atomically: true, encoding: .utf8)
        try ([source[0]] + source[401...]).joined(separator: "\n").write(toFile: test, atomically: true, encoding: .utf8)
        let model = directory.appendingPathComponent("if.h5").path
        try Self.train(["--data", train, "--algorithm", "isolation-forest", "--exclude", "label", "--output", model])
        let run = try TestSupport.workbench(["evaluate", "--model", model, "--data", test, "--target", "label", "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let json = try Self.object(run.standardOutput)
        #expect(json["task"] as? String == "anomaly")
        #expect(json["rows"] as? Int == 283)
        #expect(json["events"] == nil)
        let metrics = try #require(json["metrics"] as? [String: Any])
        #expect(try #require(metrics["roc_auc"] as? Double) > 0.9)
        #expect(metrics["k"] as? Int == source[401...].filter { $0.hasSuffix(",1") }.count)
    }

    @Test("two regressors compared on r2 over the later days")
    func regressors() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let target = "api_gateway/requests_per_second"
        let (train, test) = try Self.split(in: directory, requiring: target)
        let big = directory.appendingPathComponent("big.h5").path, small = directory.appendingPathComponent("small.h5").path
        let common = ["--data", train, "--target", target, "--algorithm", "random-forest-regressor", "--exclude", Self.nonFeatures]
        try Self.train(common + ["--output", big])
        try Self.train(common + ["--max-depth", "2", "--output", small])
        let run = try TestSupport.workbench([
            "evaluate", "--model", big, "--data", test, "--target", target, "--time", "timestamp", "--group", "tenant_id",
            "--against", small, "--json",
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let json = try Self.object(run.standardOutput)
        #expect(json["task"] as? String == "regression")
        #expect(json["events"] == nil)
        let metrics = try #require(json["metrics"] as? [String: Any])
        #expect(Set(metrics.keys) == ["mae", "rmse", "r2", "mape"])
        let comparison = try #require(json["comparison"] as? [String: Any])
        #expect(comparison["metric"] as? String == "r2")
        #expect(try #require(comparison["ci_low"] as? Double) > 0, "a depth-2 forest should be clearly worse")
    }

    @Test("--report writes report.md, SVGs and metrics.json equal to --json; a failing run keeps the old report")
    func report() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let (train, test) = try Self.split(in: directory)
        let model = directory.appendingPathComponent("if.h5").path
        try Self.train(["--data", train, "--target", "label", "--algorithm", "isolation-forest",
                        "--exclude", Self.nonFeatures, "--output", model])
        let report = directory.appendingPathComponent("report").path
        let arguments = ["evaluate", "--model", model, "--data", test, "--target", "label", "--time", "timestamp",
                         "--group", "tenant_id", "--event-kind", "incident_kind"]
        let run = try TestSupport.workbench(arguments + ["--json", "--report", report])
        #expect(run.status == 0, "\(run.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: report).sorted()
        #expect(files == ["detection-delay.svg", "metrics.json", "precision-recall.svg", "report.md", "roc.svg",
                          "score-histogram.svg", "score-over-time.svg", "threshold-sweep.svg"])
        #expect(try String(contentsOfFile: report + "/metrics.json", encoding: .utf8) == run.standardOutput)
        let markdown = try String(contentsOfFile: report + "/report.md", encoding: .utf8)
        #expect(markdown.contains("## Which threshold"))
        #expect(markdown.contains("| drift |"))
        for file in files where file.hasSuffix(".svg") {
            let data = try Data(contentsOf: URL(fileURLWithPath: report + "/" + file))
            #expect(XMLParser(data: data).parse(), "\(file) is not well-formed XML")
        }

        let broken = try TestSupport.workbench(arguments.map { $0 == "label" ? "no_such_column" : $0 } + ["--report", report])
        #expect(broken.status == 65)
        #expect(broken.standardError.contains("no_such_column"))
        #expect(try String(contentsOfFile: report + "/report.md", encoding: .utf8) == markdown)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }.isEmpty)

        // A folder holding anything else (here the data) is never replaced.
        let refused = try TestSupport.workbench(arguments + ["--report", directory.path])
        #expect(refused.status == 64)
        #expect(refused.standardError.contains("which is not part of a report"))
        #expect(FileManager.default.fileExists(atPath: test))
    }

    @Test("usage and input errors exit 64 and 66 with one line naming the problem")
    func errors() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let (train, test) = try Self.split(in: directory)
        let model = directory.appendingPathComponent("rf.h5").path
        try Self.train(["--data", train, "--target", "label", "--algorithm", "random-forest-classifier",
                        "--exclude", "timestamp,tenant_id,incident_kind", "--output", model])
        let base = ["evaluate", "--model", model, "--data", test, "--target", "label"]
        let metric = try TestSupport.workbench(base + ["--against", model, "--compare-metric", "auc"])
        #expect(metric.status == 64)
        #expect(metric.standardError.contains("Unknown comparison metric \"auc\""))
        #expect(try TestSupport.workbench(base + ["--group", "tenant_id"]).status == 64)
        let positive = try TestSupport.workbench(base + ["--positive", "yes"])
        #expect(positive.status == 64)
        #expect(positive.standardError.contains("'yes' is not among"))
        let missing = try TestSupport.workbench(["evaluate", "--model", directory.appendingPathComponent("none.h5").path,
                                                 "--data", test, "--target", "label"])
        #expect(missing.status == 66)
        let unwritable = try TestSupport.workbench(base + ["--report", test + "/report"])
        #expect(unwritable.status == 73, "\(unwritable.standardError)")
    }

    @Test("--metrics-textfile records the evaluate job and the held-out accuracy")
    func jobMetrics() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let (train, test) = try Self.split(in: directory)
        let model = directory.appendingPathComponent("rf.h5").path
        try Self.train(["--data", train, "--target", "label", "--algorithm", "random-forest-classifier",
                        "--exclude", "timestamp,tenant_id,incident_kind", "--output", model])
        let textfile = directory.appendingPathComponent("evaluate.prom").path
        let run = try TestSupport.workbench(["evaluate", "--model", model, "--data", test, "--target", "label",
                                             "--json", "--metrics-textfile", textfile])
        #expect(run.status == 0, "\(run.standardError)")
        let accuracy = try #require((try Self.object(run.standardOutput)["metrics"] as? [String: Any])?["accuracy"] as? Double)
        let text = try String(contentsOfFile: textfile, encoding: .utf8)
        #expect(text.contains("workbench_last_success_timestamp_seconds{"))
        #expect(text.contains("workbench_job=\"evaluate\""))
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("ml_prediction_accuracy{") && $0.contains("measured=\"held_out\"") })
        #expect(abs(Double(line.split(separator: " ").last!)! - accuracy) < 1e-9)
    }
}
