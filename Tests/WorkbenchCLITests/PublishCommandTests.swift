import Foundation
import Testing
import TestSupport

/// `workbench publish`, `publish rollback` and `publish status` through the real executable, including
/// publishers killed with SIGKILL at each step.
@Suite("publish command")
struct PublishCommandTests {
    /// A registry with two isolation-forest versions of `bw` trained on breastw (labels give f1_optimal and
    /// recall_0.9 levels) and an empty publication folder.
    private func workspace() throws -> (directory: URL, registry: String, published: String) {
        let directory = try TestSupport.makeTemporaryDirectory("publish-cli")
        let registry = directory.appendingPathComponent("models").path
        let data = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path
        for seed in ["1", "2"] {
            let train = try TestSupport.workbench([
                "train", "--data", data, "--target", "label", "--algorithm", "isolation-forest", "--trees", "20",
                "--seed", seed, "--register", "bw", "--registry", registry,
            ])
            #expect(train.status == 0, "\(train.standardError)")
        }
        return (directory, registry, directory.appendingPathComponent("published").path)
    }

    private func current(_ published: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: published + "/bw/current.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    @Test("publish, republish, status, rollback and the JSON status through the CLI")
    func lifecycle() throws {
        let (directory, registry, published) = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try TestSupport.workbench(["publish", "bw@v1", "--to", published, "--registry", registry])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.hasPrefix("bw: (none) → v1 in \(published)"))
        let again = try TestSupport.workbench(["publish", "bw@v1", "--to", published, "--registry", registry])
        #expect(again.standardOutput == "bw@v1 is already current in \(published); nothing changed.\n")
        let second = try TestSupport.workbench(
            ["publish", "bw", "--to", published, "--registry", registry, "--threshold", "recall_0.9"])
        #expect(second.status == 0, "\(second.standardError)")
        let status = try TestSupport.workbench(["publish", "status", "--to", published])
        #expect(status.status == 0)
        #expect(status.standardOutput.contains("bw: v2 since"))
        #expect(status.standardOutput.contains("previous v1, is_anomaly at recall_0.9 (anomaly_score >= "))
        #expect(status.standardOutput.hasSuffix("verified\n"))
        let rollback = try TestSupport.workbench(["publish", "rollback", "bw", "--to", published])
        #expect(rollback.standardOutput == "bw: v2 → v1 (rolled back)\n")
        let json = try TestSupport.workbench(["publish", "status", "bw", "--to", published, "--json"])
        let statuses = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as! [[String: Any]]
        #expect(statuses.count == 1 && statuses[0]["verified"] as? Bool == true)
        #expect((statuses[0]["current"] as! [String: Any])["version"] as? Int == 1)
    }

    @Test("an unknown level exits 64 listing the model's levels; a damaged bundle makes status exit 65")
    func errors() throws {
        let (directory, registry, published) = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let unknown = try TestSupport.workbench(
            ["publish", "bw@v1", "--to", published, "--registry", registry, "--threshold", "severe"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("has no threshold level 'severe'; available: "))
        #expect(unknown.standardError.contains("warn") && unknown.standardError.contains("recall_0.9"))
        #expect(!FileManager.default.fileExists(atPath: published + "/bw/current.json"))
        let missing = try TestSupport.workbench(["publish", "bw@v7", "--to", published, "--registry", registry])
        #expect(missing.status == 66)
        _ = try TestSupport.workbench(["publish", "bw@v1", "--to", published, "--registry", registry])
        try FileManager.default.removeItem(atPath: published + "/bw/v1/selftest.csv")
        let status = try TestSupport.workbench(["publish", "status", "--to", published])
        #expect(status.status == 65)
        #expect(status.standardOutput.contains("NOT VERIFIED: \(published)/bw/v1/selftest.csv is missing"))
    }

    /// Starts a publish of `bw@v2` paused at `step`, waits until `ready` holds, kills it with SIGKILL, and
    /// checks that `current.json` still names v1 and status verifies.
    private func killed(at step: String, ready: @escaping (String) throws -> Bool) throws {
        let (directory, registry, published) = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try TestSupport.workbench(["publish", "bw@v1", "--to", published, "--registry", registry])
        #expect(first.status == 0, "\(first.standardError)")
        let writer = Process()
        writer.executableURL = TestSupport.workbenchExecutable
        writer.arguments = ["publish", "bw@v2", "--to", published, "--registry", registry]
        writer.environment = ProcessInfo.processInfo.environment.merging(
            ["WORKBENCH_TEST_PUBLISH_PAUSE": "\(step):60"]) { $1 }
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = FileHandle.nullDevice
        try writer.run()
        let deadline = Date().addingTimeInterval(60)
        while !(try ready(published + "/bw")) {
            guard Date() < deadline, writer.isRunning else {
                writer.terminate()
                Issue.record("the publisher never reached step \(step)")
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.2)
        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        #expect(writer.terminationReason == .uncaughtSignal)
        #expect(try current(published)["version"] as? Int == 1)
        let status = try TestSupport.workbench(["publish", "status", "bw", "--to", published])
        #expect(status.status == 0, "\(status.standardOutput)\(status.standardError)")
        #expect(status.standardOutput.contains("bw: v1 since") && status.standardOutput.hasSuffix("verified\n"))
        // A new run completes the publication and sweeps the dead writer's temporaries.
        let retry = try TestSupport.workbench(["publish", "bw@v2", "--to", published, "--registry", registry])
        #expect(retry.status == 0, "\(retry.standardError)")
        #expect(try current(published)["version"] as? Int == 2)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: published + "/bw").filter { $0.hasPrefix(".") && $0 != ".lock" }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(try TestSupport.workbench(["publish", "status", "bw", "--to", published]).status == 0)
    }

    @Test("kill -9 before the bundle rename leaves current.json on the complete v1 bundle")
    func killedBeforeBundleRename() throws {
        try killed(at: "bundle-rename") { folder in
            try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasPrefix(".v2.tmp-") }
        }
    }

    @Test("kill -9 between the bundle and the pointer leaves current.json on v1")
    func killedBetweenBundleAndPointer() throws {
        try killed(at: "pointer") { folder in
            FileManager.default.fileExists(atPath: folder + "/v2/manifest.json")
        }
    }

    @Test("kill -9 during the pointer write leaves current.json on v1")
    func killedDuringPointerWrite() throws {
        try killed(at: "pointer-rename") { folder in
            try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasPrefix(".current.json.tmp-") }
        }
    }

    @Test("two publishers of one version at once: one publishes, the other waits for the lock and changes nothing")
    func concurrentPublishers() async throws {
        let (directory, registry, published) = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["publish", "bw@v1", "--to", published, "--registry", registry]
        let outputs = try await withThrowingTaskGroup(of: TestSupport.ProcessOutput.self) { group in
            for _ in 0 ..< 2 {
                group.addTask {
                    try TestSupport.workbench(arguments, environment: ["WORKBENCH_TEST_PUBLISH_PAUSE": "bundle-rename:0.5"])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outputs.map(\.status) == [0, 0], "\(outputs.map(\.standardError))")
        #expect(outputs.filter { $0.standardOutput.contains("nothing changed") }.count == 1)
        let history = try String(contentsOfFile: published + "/bw/history.jsonl", encoding: .utf8)
        #expect(history.split(separator: "\n").count == 1)
    }

    @Test("a bundle is readable by another user: files 0644, folders 0755, read as nobody")
    func readableByAnotherUser() throws {
        let (directory, registry, published) = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A restrictive umask in the publisher must not make the bundle private.
        let publish = try TestSupport.run(URL(fileURLWithPath: "/bin/sh"), [
            "-c", "umask 077 && exec \"$0\" \"$@\"", TestSupport.workbenchExecutable.path,
            "publish", "bw@v1", "--to", published, "--registry", registry,
        ])
        #expect(publish.status == 0, "\(publish.standardError)")
        for name in ["model.h5", "thresholds.json", "selftest.csv", "manifest.json"] {
            let mode = try FileManager.default.attributesOfItem(atPath: published + "/bw/v1/" + name)[.posixPermissions]
            #expect((mode as? NSNumber)?.intValue == 0o644, "\(name)")
        }
        guard getuid() == 0 else { return }  // only root can switch to another user to prove it
        chmod(directory.path, 0o755)  // the test's own folder; its parents are the system's temporary folders
        let read = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/setpriv"), [
            "--reuid=65534", "--regid=65534", "--clear-groups", "/bin/sh", "-c",
            "cat \(published)/bw/current.json \(published)/bw/v1/* > /dev/null && echo ok",
        ])
        #expect(read.standardOutput == "ok\n", "\(read.standardError)")
    }
}
