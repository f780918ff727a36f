import Foundation
import Testing
import TestSupport

/// `predict --keep-columns`, `predict --output -` and the `--json` summaries of train and predict.
@Suite("train and predict output formats")
struct OutputFormatTests {
    let breastw = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path

    private func trainDetector(in directory: URL, extra: [String] = []) throws -> (model: String, run: TestSupport.ProcessOutput) {
        let model = directory.appendingPathComponent("if.h5").path
        let run = try TestSupport.workbench([
            "train", "--data", breastw, "--algorithm", "isolation-forest", "--target", "label",
            "--contamination", "0.1", "--trees", "20", "--output", model,
        ] + extra)
        return (model, run)
    }

    @Test("train --json prints one object with the summary's facts")
    func trainJSON() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let (model, run) = try trainDetector(in: directory, extra: ["--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(object["algorithm"] as? String == "isolation-forest")
        #expect(object["rows"] as? Int == 683 && (object["features"] as? [String])?.count == 9)
        #expect(object["saved"] as? String == model)
        #expect((object["metrics"] as? [String: Double])?["roc_auc"] != nil)
        let levels = try #require(object["thresholds"] as? [[String: Any]])
        #expect(levels.map { $0["name"] as? String } == ["warn", "critical", "f1_optimal", "recall_0.9"])
        #expect(levels.map { $0["purpose"] as? String } == ["alert", "alert", "reference", "reference"])
    }

    @Test("predict --output - streams the CSV to stdout with the kept columns first; --json counts the flags")
    func predictStdoutAndJSON() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let (model, train) = try trainDetector(in: directory)
        #expect(train.status == 0, "\(train.standardError)")
        let streamed = try TestSupport.workbench([
            "predict", "--model", model, "--data", breastw, "--output", "-", "--keep-columns", "label,f0",
        ])
        #expect(streamed.status == 0, "\(streamed.standardError)")
        let lines = streamed.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "label,f0,anomaly_score,is_anomaly,level,top_features")
        #expect(lines.count == 683 + 2, "header, 683 rows, final newline")
        let source = try CSVText(path: breastw)
        #expect(lines.dropFirst().prefix(683).map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
            == zip(source.column("label"), source.column("f0")).map { "\($0),\($1)" })

        let file = directory.appendingPathComponent("p.csv").path
        let summary = try TestSupport.workbench(["predict", "--model", model, "--data", breastw, "--output", file, "--json"])
        #expect(summary.status == 0, "\(summary.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(summary.standardOutput.utf8)) as? [String: Any])
        let flagged = try CSVText(path: file).column("is_anomaly").filter { $0 == "1" }.count
        #expect(object["flagged"] as? Int == flagged && object["rows"] as? Int == 683)
        #expect((object["levels"] as? [String: Int])?.values.reduce(0, +) == flagged)
        #expect(try String(contentsOfFile: file, encoding: .utf8)
            == streamed.standardOutput.split(separator: "\n").map { $0.split(separator: ",", maxSplits: 2).last! }
                .joined(separator: "\n") + "\n")
    }

    @Test("bad --keep-columns and --json with --output - are refused with 65 and 64")
    func refusals() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        let (model, _) = try trainDetector(in: directory)
        let missing = try TestSupport.workbench([
            "predict", "--model", model, "--data", breastw, "--output", "-", "--keep-columns", "tenant_id",
        ])
        #expect(missing.status == 65)
        #expect(missing.standardError.contains("has no column 'tenant_id'"))
        #expect(missing.standardOutput.isEmpty)
        let clash = try TestSupport.workbench(["predict", "--model", model, "--data", breastw, "--output", "-", "--json"])
        #expect(clash.status == 64)
        #expect(clash.standardError.contains("--json and --output - both write to stdout"))
    }
}
