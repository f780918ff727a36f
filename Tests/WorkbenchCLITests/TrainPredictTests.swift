import Foundation
import Testing
import TestSupport

/// End-to-end `train` → `predict` through the real executable on bundled data.
@Suite("train and predict")
struct TrainPredictTests {
    let breastw = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path

    @Test("a classifier trained on breastw predicts its rows in order with calibrated columns")
    func classifierRoundTrip() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let model = directory.appendingPathComponent("rf.h5").path
        let train = try TestSupport.workbench([
            "train", "--data", breastw, "--target", "label", "--algorithm", "random-forest-classifier",
            "--trees", "30", "--seed", "3", "--output", model,
        ])
        #expect(train.status == 0, "\(train.standardError)")
        #expect(train.standardOutput.contains("683 rows, 9 features"))
        #expect(train.standardOutput.contains("oob_accuracy"))

        let predictions = directory.appendingPathComponent("p.csv").path
        let predict = try TestSupport.workbench(["predict", "--model", model, "--data", breastw, "--output", predictions])
        #expect(predict.status == 0, "\(predict.standardError)")
        let rows = try CSVText(path: predictions)
        #expect(rows.header == ["prediction", "probability_0", "probability_1"])
        #expect(rows.records.count == 683)
        let labels = try CSVText(path: breastw).column("label")
        let predicted = rows.column("prediction")
        let accuracy = Double(zip(labels, predicted).filter { $0 == $1 }.count) / Double(labels.count)
        #expect(accuracy > 0.97, "training accuracy \(accuracy)")
        for record in rows.records {
            let p0 = Double(record[1])!, p1 = Double(record[2])!
            #expect(abs(p0 + p1 - 1) < 1e-9)
            #expect(record[0] == (p1 > p0 ? "1" : "0") || p0 == p1)
        }
    }

    @Test("predict matches features by name: reordered and extra columns give identical output")
    func featuresByName() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let model = directory.appendingPathComponent("rf.h5").path
        _ = try TestSupport.workbench([
            "train", "--data", breastw, "--target", "label", "--algorithm", "random-forest-regressor",
            "--trees", "10", "--output", model,
        ])
        let source = try CSVText(path: breastw)
        let order = ["note"] + source.header.reversed()
        var text = order.joined(separator: ",") + "\n"
        for record in source.records {
            text += (["\"x, y\""] + record.reversed()).joined(separator: ",") + "\n"
        }
        let shuffled = directory.appendingPathComponent("shuffled.csv")
        try text.write(to: shuffled, atomically: true, encoding: .utf8)

        let first = directory.appendingPathComponent("a.csv").path
        let second = directory.appendingPathComponent("b.csv").path
        #expect(try TestSupport.workbench(["predict", "--model", model, "--data", breastw, "--output", first]).status == 0)
        let run = try TestSupport.workbench(["predict", "--model", model, "--data", shuffled.path, "--output", second])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try String(contentsOfFile: first, encoding: .utf8) == String(contentsOfFile: second, encoding: .utf8))
        #expect(try CSVText(path: first).header == ["prediction", "prediction_std"])
    }

    @Test("a missing feature fails with exit 65 and names the column")
    func missingFeature() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let model = directory.appendingPathComponent("if.h5").path
        #expect(try TestSupport.workbench([
            "train", "--data", breastw, "--algorithm", "isolation-forest", "--target", "label", "--output", model,
        ]).status == 0)
        let pima = TestSupport.datasetsDirectory.appendingPathComponent("odds/Pima.csv").path
        let run = try TestSupport.workbench(["predict", "--model", model, "--data", pima, "--output",
                                             directory.appendingPathComponent("p.csv").path])
        #expect(run.status == 65)
        #expect(run.standardError.contains("has no column 'f8'"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("p.csv").path))
    }

    @Test("an isolation forest reports AUC and explains only flagged rows")
    func detector() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let model = directory.appendingPathComponent("if.h5").path
        let train = try TestSupport.workbench([
            "train", "--data", breastw, "--algorithm", "isolation-forest", "--target", "label",
            "--contamination", "0.3", "--output", model,
        ])
        #expect(train.status == 0, "\(train.standardError)")
        #expect(train.standardOutput.contains("roc_auc"))
        let output = directory.appendingPathComponent("scores.csv").path
        #expect(try TestSupport.workbench(["predict", "--model", model, "--data", breastw, "--output", output]).status == 0)
        let rows = try CSVText(path: output)
        #expect(rows.header == ["anomaly_score", "is_anomaly", "level", "top_features"])
        let flagged = rows.records.filter { $0[1] == "1" }
        #expect(abs(Double(flagged.count) - 0.3 * 683) <= 1)
        #expect(flagged.allSatisfy { $0[3].split(separator: ";").count == 3 && $0[2] != "" })
        #expect(rows.records.filter { $0[1] == "0" }.allSatisfy { $0[3].isEmpty })
        #expect(rows.records.allSatisfy { (Double($0[0]) ?? -1) > 0 && Double($0[0])! <= 1 })
    }

    @Test("exit codes: 64 for a bad option, 66 for a missing file, 65 for a missing target")
    func exitCodes() throws {
        let output = try TestSupport.makeTemporaryDirectory().appendingPathComponent("m.h5").path
        let badTrees = try TestSupport.workbench([
            "train", "--data", breastw, "--target", "label", "--algorithm", "random-forest-classifier",
            "--trees", "0", "--output", output,
        ])
        #expect(badTrees.status == 64)
        #expect(badTrees.standardError.contains("trees must be"))
        let missing = try TestSupport.workbench([
            "train", "--data", "/nonexistent/x.csv", "--target", "label",
            "--algorithm", "random-forest-classifier", "--output", output,
        ])
        #expect(missing.status == 66, "\(missing.standardError)")
        let noTarget = try TestSupport.workbench([
            "train", "--data", breastw, "--target", "nope", "--algorithm", "random-forest-classifier", "--output", output,
        ])
        #expect(noTarget.status == 65)
        #expect(noTarget.standardError.contains("no column 'nope'"))
        let wrongOption = try TestSupport.workbench([
            "train", "--data", breastw, "--target", "label", "--algorithm", "random-forest-classifier",
            "--contamination", "0.1", "--output", output,
        ])
        #expect(wrongOption.status == 64)
        #expect(wrongOption.standardError.contains("--contamination does not apply to random-forest-classifier"))
    }

    @Test("train --register prints NAME@vN and predict resolves versions and aliases")
    func registryReferences() throws {
        let registry = try TestSupport.makeTemporaryDirectory().path
        for expected in ["bw@v1", "bw@v2"] {
            let run = try TestSupport.workbench([
                "train", "--data", breastw, "--target", "label", "--algorithm", "random-forest-classifier",
                "--trees", "5", "--register", "bw", "--registry", registry,
            ])
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.contains("registered  \(expected)"))
        }
        #expect(try TestSupport.workbench(["models", "promote", "bw@v1", "--alias", "production", "--registry", registry]).status == 0)
        let directory = try TestSupport.makeTemporaryDirectory()
        for reference in ["bw@v1", "bw@production", "bw"] {
            let output = directory.appendingPathComponent("\(reference).csv").path
            let run = try TestSupport.workbench(["predict", "--model", reference, "--registry", registry,
                                                 "--data", breastw, "--output", output])
            #expect(run.status == 0, "\(reference): \(run.standardError)")
        }
        let unknown = try TestSupport.workbench(["predict", "--model", "bw@staging", "--registry", registry,
                                                 "--data", breastw, "--output", directory.appendingPathComponent("x.csv").path])
        #expect(unknown.status != 0)
    }

    @Test("an option that does not apply is refused with 64 even when it equals the default")
    func inapplicableDefault() throws {
        let output = try TestSupport.makeTemporaryDirectory().appendingPathComponent("m.h5").path
        let run = try TestSupport.workbench([
            "train", "--data", breastw, "--algorithm", "isolation-forest", "--min-samples-leaf", "1", "--output", output,
        ])
        #expect(run.status == 64)
        #expect(run.standardError.contains("--min-samples-leaf does not apply to isolation-forest."))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("a classifier target with more than --max-classes values or a single class is refused with 65")
    func classTargets() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let rows = (0 ..< 150).map { "\($0),\(Double($0) * 0.5),same" }
        let data = try TestSupport.writeTemporaryFile((["x,y,constant"] + rows).joined(separator: "\n") + "\n")
        let output = directory.appendingPathComponent("m.h5").path
        let common = ["train", "--data", data, "--algorithm", "random-forest-classifier", "--trees", "2", "--output", output]
        let many = try TestSupport.workbench(common + ["--target", "y", "--exclude", "constant"])
        #expect(many.status == 65)
        #expect(many.standardError.contains("target column 'y' has 150 distinct values; a classifier accepts at most 100"))
        #expect(many.standardError.contains("random-forest-regressor"))
        let raised = try TestSupport.workbench(common + ["--target", "y", "--exclude", "constant", "--max-classes", "150"])
        #expect(raised.status == 0, "\(raised.standardError)")
        let single = try TestSupport.workbench(common + ["--target", "constant"])
        #expect(single.status == 65)
        #expect(single.standardError.contains("target column 'constant' has a single class ('same')"))
    }
}
