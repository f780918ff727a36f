import Foundation
import Testing
import Yams

@Suite("Deployment files")
struct DeployFilesTests {
    static let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy").path

    func load(_ name: String) throws -> [String: Any] {
        let text = try String(contentsOfFile: Self.deploy + "/kubernetes/" + name, encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    func jobSpec(_ cronJob: [String: Any]) throws -> [String: Any] {
        let spec = try #require(cronJob["spec"] as? [String: Any])
        let template = try #require(spec["jobTemplate"] as? [String: Any])
        return try #require(template["spec"] as? [String: Any])
    }

    func exitCodeActions(_ job: [String: Any]) throws -> [Int: String] {
        let policy = try #require(job["podFailurePolicy"] as? [String: Any])
        let rules = try #require(policy["rules"] as? [[String: Any]])
        var actions: [Int: String] = [:]
        for rule in rules {
            guard let codes = rule["onExitCodes"] as? [String: Any], let values = codes["values"] as? [Int] else { continue }
            for value in values { actions[value] = rule["action"] as? String }
        }
        return actions
    }

    func podSpec(_ job: [String: Any]) throws -> [String: Any] {
        let template = try #require(job["template"] as? [String: Any])
        return try #require(template["spec"] as? [String: Any])
    }

    @Test("the CronJob forbids overlap, fails on 1/65/78 and retries 75")
    func cronJob() throws {
        let cronJob = try load("cronjob.yaml")
        #expect(cronJob["kind"] as? String == "CronJob")
        let spec = try #require(cronJob["spec"] as? [String: Any])
        #expect(spec["concurrencyPolicy"] as? String == "Forbid")
        #expect(spec["startingDeadlineSeconds"] as? Int != nil)
        let job = try jobSpec(cronJob)
        #expect(job["backoffLimit"] as? Int != nil)
        #expect(try exitCodeActions(job) == [1: "FailJob", 65: "FailJob", 78: "FailJob", 75: "Count"])
        #expect(try podSpec(job)["restartPolicy"] as? String == "Never")
    }

    @Test("the Indexed variant shards from the environment with as many shards as completions")
    func indexedJob() throws {
        let job = try jobSpec(load("cronjob-indexed.yaml"))
        #expect(job["completionMode"] as? String == "Indexed")
        #expect(try exitCodeActions(job) == [1: "FailIndex", 65: "FailIndex", 78: "FailIndex", 75: "Count"])
        let container = try #require((try podSpec(job)["containers"] as? [[String: Any]])?.first)
        #expect((container["args"] as? [String])?.contains("--shard-from-env") == true)
        let environment = try #require(container["env"] as? [[String: Any]])
        let shards = environment.first { $0["name"] as? String == "WORKBENCH_SHARDS" }?["value"] as? String
        #expect(shards == String(try #require(job["completions"] as? Int)))
    }

    @Test("the systemd units verify")
    func systemdUnits() throws {
        let service = try String(contentsOfFile: Self.deploy + "/systemd/workbench-retrain.service", encoding: .utf8)
        let timer = try String(contentsOfFile: Self.deploy + "/systemd/workbench-retrain.timer", encoding: .utf8)
        #expect(timer.contains("Persistent=true"))
        #expect(service.contains("Type=oneshot"))
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") else {
            print("skipped systemd-analyze verify: /usr/bin/systemd-analyze is not installed")
            return
        }
        // The unit names the installed binary; verify checks it exists, so point it at one that does.
        let folder = NSTemporaryDirectory() + "units-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try service.replacingOccurrences(of: "/usr/local/bin/workbench", with: "/bin/true")
            .write(toFile: folder + "/workbench-retrain.service", atomically: true, encoding: .utf8)
        try timer.write(toFile: folder + "/workbench-retrain.timer", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        process.arguments = ["verify", folder + "/workbench-retrain.service", folder + "/workbench-retrain.timer"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = errors
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(!output.contains("workbench-retrain"), "\(output)")
    }

    @Test("the Containerfile builds the workbench product and runs as a non-root user")
    func containerfile() throws {
        let text = try String(contentsOfFile: Self.deploy + "/Containerfile", encoding: .utf8)
        #expect(text.contains("swift build -c release --product workbench"))
        #expect(text.contains("USER workbench"))
        for library in ["libopenblas0", "liblapacke", "libpq5", "libhdf5-103-1"] {
            #expect(text.contains(library), "runtime library \(library)")
        }
    }
}
