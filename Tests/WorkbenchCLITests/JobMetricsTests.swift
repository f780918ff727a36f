import Foundation
import Testing
import TestSupport

/// `--metrics-textfile` and `--pushgateway` on train and publish, checked with prometheus_client's parser.
@Suite("job metrics")
struct JobMetricsTests {
    private func parse(_ path: String) throws -> [String: [String: Any]] {
        let run = try TestSupport.python("parse_metrics.py", [path])
        #expect(run.status == 0, "\(run.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as! [String: Any]
        return json["families"] as! [String: [String: Any]]
    }

    private func samples(_ families: [String: [String: Any]], _ name: String) -> [[String: Any]] {
        (families[name]?["samples"] as? [[String: Any]]) ?? []
    }

    @Test("train and publish write node_exporter textfiles that prometheus_client parses; a failed publish counts")
    func textfiles() throws {
        let directory = try TestSupport.makeTemporaryDirectory("job-metrics")
        defer { try? FileManager.default.removeItem(at: directory) }
        let registry = directory.appendingPathComponent("models").path
        let trainMetrics = directory.appendingPathComponent("train.prom").path
        let data = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path
        let train = try TestSupport.workbench([
            "train", "--data", data, "--target", "label", "--algorithm", "random-forest-classifier", "--trees", "10",
            "--register", "rf", "--registry", registry, "--metrics-textfile", trainMetrics,
        ])
        #expect(train.status == 0, "\(train.standardError)")
        var families = try parse(trainMetrics)
        #expect(families["ml_model_training_duration_seconds"]?["type"] as? String == "gauge")
        let accuracy = samples(families, "ml_prediction_accuracy")
        #expect(accuracy.count == 1 && (accuracy[0]["labels"] as? [String: String])?["measured"] == "out_of_bag")
        #expect((accuracy.first?["value"] as? Double).map { $0 > 0.9 } == true)
        #expect((samples(families, "workbench_last_success_timestamp_seconds").first?["labels"] as? [String: String])
            == ["model": "rf", "workbench_job": "train"])

        _ = try TestSupport.workbench([
            "train", "--data", data, "--target", "label", "--algorithm", "isolation-forest", "--trees", "10",
            "--register", "bw", "--registry", registry,
        ])
        let publishMetrics = directory.appendingPathComponent("publish.prom").path
        let published = directory.appendingPathComponent("published").path
        let publish = try TestSupport.workbench([
            "publish", "bw", "--to", published, "--registry", registry, "--threshold", "critical",
            "--metrics-textfile", publishMetrics,
        ])
        #expect(publish.status == 0, "\(publish.standardError)")
        families = try parse(publishMetrics)
        #expect(samples(families, "workbench_published_model_version").first?["value"] as? Double == 1)
        let thresholds = samples(families, "ml_anomaly_threshold")
        let raising = thresholds.filter { ($0["labels"] as? [String: String])?["raises_anomaly"] == "true" }
        #expect(raising.count == 1 && (raising[0]["labels"] as? [String: String])?["level"] == "critical")
        #expect(samples(families, "workbench_job_failures").first?["value"] as? Double == 0)

        let failed = try TestSupport.workbench([
            "publish", "bw@v9", "--to", published, "--registry", registry, "--metrics-textfile", publishMetrics,
        ])
        #expect(failed.status == 66)
        families = try parse(publishMetrics)
        #expect(families["workbench_job_failures"]?["type"] as? String == "counter")
        let failures = samples(families, "workbench_job_failures").filter { ($0["name"] as? String) == "workbench_job_failures_total" }
        #expect(failures.first?["value"] as? Double == 1)
        #expect(samples(families, "workbench_last_success_timestamp_seconds").count == 1, "the last success is kept")
        let mode = try FileManager.default.attributesOfItem(atPath: publishMetrics)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o644)
    }

    @Test("--pushgateway POSTs the exposition to /metrics/job/workbench_publish/model/NAME on a loopback server")
    func pushgateway() throws {
        let directory = try TestSupport.makeTemporaryDirectory("pushgateway")
        defer { try? FileManager.default.removeItem(at: directory) }
        let registry = directory.appendingPathComponent("models").path
        let data = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path
        _ = try TestSupport.workbench([
            "train", "--data", data, "--target", "label", "--algorithm", "isolation-forest", "--trees", "10",
            "--register", "bw", "--registry", registry,
        ])
        let portFile = directory.appendingPathComponent("port").path
        let requestFile = directory.appendingPathComponent("request").path
        let stub = Process()
        stub.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        stub.arguments = ["python3", TestSupport.repositoryRoot.appendingPathComponent("Tests/Interop/pushgateway_stub.py").path,
                          portFile, requestFile]
        try stub.run()
        defer { if stub.isRunning { stub.terminate() } }
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: portFile), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let port = try String(contentsOfFile: portFile, encoding: .utf8)
        let publish = try TestSupport.workbench([
            "publish", "bw", "--to", directory.appendingPathComponent("published").path, "--registry", registry,
            "--pushgateway", "http://127.0.0.1:\(port)",
        ])
        #expect(publish.status == 0, "\(publish.standardError)")
        #expect(publish.standardError.isEmpty, "\(publish.standardError)")
        stub.waitUntilExit()
        let request = try String(contentsOfFile: requestFile, encoding: .utf8)
        let parts = request.components(separatedBy: "\n\n")
        #expect(parts[0] == "POST /metrics/job/workbench_publish/model/bw\ntext/plain; version=0.0.4")
        let body = directory.appendingPathComponent("body.prom").path
        try parts.dropFirst().joined(separator: "\n\n").write(toFile: body, atomically: true, encoding: .utf8)
        let families = try parse(body)
        #expect(samples(families, "workbench_published_model_version").first?["value"] as? Double == 1)
    }
}
