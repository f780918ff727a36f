import Foundation
import Testing
import TestSupport

/// `dataset split`, `train --horizon`, `evaluate --interval`, `predict --interval` and the load-forecasting notebook,
/// through the real executable.
@Suite("forecasting commands")
struct ForecastCommandTests {
    static let target = "api_gateway/requests_per_second"

    @Test("split by time, train 3 buckets ahead, evaluate with coverage, predict with an interval and forecast_for")
    func endToEnd() throws {
        let directory = try TestSupport.makeTemporaryDirectory("forecast")
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let synth = try TestSupport.workbench([
            "dataset", "synth", "--output", path("m.csv"), "--format", "wide", "--tenants", "2", "--days", "3",
            "--interval", "15m", "--seed", "5",
        ])
        #expect(synth.status == 0, "\(synth.standardError)")
        let split = try TestSupport.workbench([
            "dataset", "split", path("m.csv"), "--time", "timestamp", "--at", "2026-01-07T00:00:00Z",
            "--train", path("train.csv"), "--test", path("test.csv"),
        ])
        #expect(split.status == 0, "\(split.standardError)")
        #expect(split.standardOutput.contains("test:  192 rows with 'timestamp' at or after 2026-01-07T00:00:00Z"))
        #expect(split.standardOutput.contains("train: 384 rows before them"))

        let train = try TestSupport.workbench([
            "train", "--data", path("train.csv"), "--algorithm", "random-forest-regressor", "--target", Self.target,
            "--horizon", "3", "--time", "timestamp", "--group", "tenant_id", "--exclude", "label,incident_kind",
            "--trees", "5", "--seed", "1", "--output", path("f.h5"),
        ])
        #expect(train.status == 0, "\(train.standardError)")
        #expect(train.standardOutput.contains("target '\(Self.target)+3'"))

        let evaluate = try TestSupport.workbench([
            "evaluate", "--model", path("f.h5"), "--data", path("test.csv"), "--target", Self.target, "--interval", "0.8",
            "--json",
        ])
        #expect(evaluate.status == 0, "\(evaluate.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(evaluate.standardOutput.utf8)) as? [String: Any]
        let interval = object?["interval"] as? [String: Double]
        #expect(interval?["share"] == 0.8 && (0 ... 1).contains(interval?["coverage"] ?? -1))
        #expect((object?["measured_on"] as? String)?.contains("3 rows ahead within each 'tenant_id'") == true)
        #expect((object?["rows"] as? Int).map { $0 <= 192 - 6 } == true)

        let predict = try TestSupport.workbench([
            "predict", "--model", path("f.h5"), "--data", path("test.csv"), "--interval", "0.8",
            "--keep-columns", "timestamp,tenant_id", "--output", path("p.csv"),
        ])
        #expect(predict.status == 0, "\(predict.standardError)")
        let rows = try CSVText(path: path("p.csv"))
        #expect(rows.header == ["timestamp", "tenant_id", "prediction", "prediction_std", "prediction_low",
                                "prediction_high", "forecast_for"])
        let times = rows.column("timestamp").map { Int($0)! }, instants = rows.column("forecast_for")
        #expect(instants.filter(\.isEmpty).count == 6)
        for (time, instant) in zip(times, instants) where !instant.isEmpty { #expect(Int(instant)! == time + 3 * 900) }
        for record in rows.records {
            let low = Double(record[4])!, mean = Double(record[2])!, high = Double(record[5])!
            #expect(low <= high && low <= mean + 1e-9 && mean <= high + 1e-9)
        }
    }

    @Test("usage errors exit 64 naming the option")
    func refusals() throws {
        let data = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path
        let directory = try TestSupport.makeTemporaryDirectory("forecast")
        defer { try? FileManager.default.removeItem(at: directory) }
        let classifier = try TestSupport.workbench([
            "train", "--data", data, "--algorithm", "random-forest-classifier", "--target", "label", "--horizon", "2",
            "--time", "label", "--output", directory.appendingPathComponent("x.h5").path,
        ])
        #expect(classifier.status == 64 && classifier.standardError.contains("--horizon applies only to random-forest-regressor"))
        let untimed = try TestSupport.workbench([
            "train", "--data", data, "--algorithm", "random-forest-regressor", "--target", "label", "--horizon", "2",
            "--output", directory.appendingPathComponent("x.h5").path,
        ])
        #expect(untimed.status == 64 && untimed.standardError.contains("--horizon needs --time"))
        let split = try TestSupport.workbench([
            "dataset", "split", data, "--time", "label", "--train", "a.csv", "--test", "b.csv",
        ])
        #expect(split.status == 64 && split.standardError.contains("exactly one of --at TIME and --holdout DURATION"))
        let interval = try TestSupport.workbench([
            "predict", "--model", "m.h5", "--data", data, "--interval", "1", "--output", "-",
        ])
        #expect(interval.status == 64 && interval.standardError.contains("--interval must be in (0, 1)"))
    }

    @Test("notebooks-md/load-forecasting.md: stored outputs equal a fresh run (notebook run --check)")
    func notebookUpToDate() throws {
        let root = TestSupport.repositoryRoot.path
        let check = try TestSupport.workbench([
            "notebook", "run", TestSupport.repositoryRoot.appendingPathComponent("notebooks-md/load-forecasting.md").path,
            "--check", "--root", root,
        ])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("6 blocks, outputs up to date"))
    }
}
