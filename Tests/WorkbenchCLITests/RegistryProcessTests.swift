import Foundation
import ModelFixtures
import Testing
import TestSupport
@testable import ModelStore

/// The registry driven through the `workbench` executable, with several processes at once.
@Suite("Registry across processes")
struct RegistryProcessTests {
    /// A temporary folder holding a saved model file `model.h5` and an empty registry `models/`.
    private func makeWorkspace() throws -> (directory: URL, model: String, registry: String) {
        let directory = try TestSupport.makeTemporaryDirectory("registry-cli")
        let model = directory.appendingPathComponent("model.h5")
        try ModelFile.save(
            .extendedIsolationForest(try Fixtures.extendedIsolationForest(trees: 10)),
            metadata: Fixtures.metadata(.extendedIsolationForest), selfTestRows: Fixtures.matrix(), to: model)
        return (directory, model.path, directory.appendingPathComponent("models").path)
    }

    @Test("register exits without libhdf5 shutdown noise: failed probes leave no error records behind")
    func cleanShutdown() throws {
        let (directory, model, registry) = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try TestSupport.workbench(["models", "register", model, "--name", "cpu", "--registry", registry])
        #expect(output.status == 0)
        #expect(output.standardError.isEmpty, "\(output.standardError)")
    }

    @Test("two processes registering one model at once both succeed with distinct versions")
    func concurrentRegistration() async throws {
        let (directory, model, registry) = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["models", "register", model, "--name", "cpu", "--registry", registry]
        let environment = ["WORKBENCH_TEST_PAUSE_BEFORE_RENAME": "0.3"]
        let outputs = try await withThrowingTaskGroup(of: TestSupport.ProcessOutput.self) { group in
            for _ in 0 ..< 2 {
                group.addTask { try TestSupport.workbench(arguments, environment: environment) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outputs.map(\.status) == [0, 0], "\(outputs.map(\.standardError))")
        #expect(Set(outputs.map(\.standardOutput)) == ["cpu@v1\n", "cpu@v2\n"])
        let verify = try TestSupport.workbench(["models", "verify", "--registry", registry])
        #expect(verify.status == 0)
        #expect(verify.standardOutput == "ok: 2 versions of 1 model verified.\n")
    }

    @Test("kill -9 during a save leaves the registry valid, shows no partial version, and a waiting writer times out with 75")
    func killedWriter() throws {
        let (directory, model, registry) = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try TestSupport.workbench(["models", "register", model, "--name", "cpu", "--registry", registry])
        #expect(first.standardOutput == "cpu@v1\n")

        let writer = Process()
        writer.executableURL = TestSupport.workbenchExecutable
        writer.arguments = ["models", "register", model, "--name", "cpu", "--registry", registry]
        writer.environment = ProcessInfo.processInfo.environment.merging(["WORKBENCH_TEST_PAUSE_BEFORE_RENAME": "60"]) { $1 }
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = FileHandle.nullDevice
        try writer.run()
        let folder = registry + "/cpu"
        let deadline = Date().addingTimeInterval(30)
        while !(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasPrefix(".v2.h5.tmp-") }) {
            guard Date() < deadline else {
                writer.terminate()
                Issue.record("the writer never reached its pause before the rename")
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }

        let waiting = try TestSupport.workbench(
            ["models", "promote", "cpu@v1", "--alias", "production", "--registry", registry, "--lock-timeout", "0.3"])
        #expect(waiting.status == 75)
        #expect(waiting.standardError.contains("Waiting for the registry lock of model 'cpu', held by pid \(writer.processIdentifier)"))
        #expect(waiting.standardError.contains(
            "error: Model 'cpu' is locked by another writer (pid \(writer.processIdentifier) on "))

        kill(writer.processIdentifier, SIGKILL)
        writer.waitUntilExit()
        let list = try TestSupport.workbench(["models", "list", "cpu", "--registry", registry])
        #expect(list.status == 0)
        #expect(list.standardOutput.split(separator: "\n").count == 2, "\(list.standardOutput)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/v2.h5"))
        let verify = try TestSupport.workbench(["models", "verify", "cpu", "--registry", registry])
        #expect(verify.status == 0)
        #expect(verify.standardOutput.contains("warning: cpu: temporary file .v2.h5.tmp-"))
        #expect(verify.standardOutput.hasSuffix("ok: 1 version of 1 model verified.\n"))

        let again = try TestSupport.workbench(["models", "register", model, "--name", "cpu", "--registry", registry])
        #expect(again.standardOutput == "cpu@v2\n")
        let clean = try TestSupport.workbench(["models", "verify", "--registry", registry])
        #expect(clean.standardOutput == "ok: 2 versions of 1 model verified.\n")
    }

    @Test("SIGTERM during a registration removes its unfinished version file, exits 143 and registers nothing")
    func terminatedWriter() throws {
        let (directory, model, registry) = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try TestSupport.workbench(["models", "register", model, "--name", "cpu", "--registry", registry])
            .standardOutput == "cpu@v1\n")
        let writer = Process()
        writer.executableURL = TestSupport.workbenchExecutable
        writer.arguments = ["models", "register", model, "--name", "cpu", "--registry", registry]
        writer.environment = ProcessInfo.processInfo.environment.merging(["WORKBENCH_TEST_PAUSE_BEFORE_RENAME": "60"]) { $1 }
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = FileHandle.nullDevice
        try writer.run()
        let folder = registry + "/cpu"
        let deadline = Date().addingTimeInterval(30)
        while !(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasPrefix(".v2.h5.tmp-") }) {
            guard Date() < deadline else {
                writer.terminate()
                Issue.record("the writer never reached its pause before the rename")
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(writer.processIdentifier, SIGTERM)
        writer.waitUntilExit()
        #expect(writer.terminationReason == .exit && writer.terminationStatus == 143)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == [".lock", "index.json", "v1.h5"])
        let verify = try TestSupport.workbench(["models", "verify", "--registry", registry])
        #expect(verify.standardOutput == "ok: 1 version of 1 model verified.\n")
    }

    @Test("promote, show, list, diff, history, rollback, gc and verify work end to end")
    func commandsEndToEnd() throws {
        let (directory, model, registry) = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        func workbench(_ arguments: String...) throws -> TestSupport.ProcessOutput {
            try TestSupport.workbench(arguments + ["--registry", registry])
        }
        for _ in 0 ..< 4 { _ = try workbench("models", "register", model, "--name", "cpu") }
        #expect(try workbench("models", "promote", "cpu@v2", "--alias", "production", "--reason", "first")
            .standardOutput == "cpu@production: (new) → v2\n")
        #expect(try workbench("models", "promote", "cpu@v3", "--alias", "production").standardOutput
            == "cpu@production: v2 → v3\n")
        #expect(try workbench("models", "promote", "cpu@v3", "--alias", "production").standardOutput
            == "cpu@production already points at v3; nothing changed.\n")

        let list = try workbench("models", "list", "cpu").standardOutput.split(separator: "\n").map(String.init)
        #expect(list.count == 5)
        #expect(list[0].hasPrefix("VERSION  CREATED"))
        #expect(list[3].hasPrefix("v3       2026-01-02T03:04:05Z  extended-isolation-forest  200   roc_auc=0.9"))
        #expect(list[3].hasSuffix("production"))
        let models = try workbench("models", "list").standardOutput
        #expect(models.contains("cpu    4         v4      2026-01-02T03:04:05Z  production=v3"))

        let show = try workbench("models", "show", "cpu@production").standardOutput.split(separator: "\n")
        let fields = Dictionary(show.map { line in
            let key = line.prefix { $0 != " " }
            return (String(key), line.dropFirst(key.count).trimmingCharacters(in: .whitespaces))
        }, uniquingKeysWith: { first, _ in first })
        #expect(fields["model"] == "cpu@v3")
        #expect(fields["aliases"] == "production")
        #expect(fields["parent"] == "v2")
        #expect(fields["parameter.trees"] == "20")
        #expect(fields["tenant"] == "acme")
        #expect(fields["file"] == registry + "/cpu/v3.h5")
        let diff = try workbench("models", "diff", "cpu@v1", "cpu@production", "--changed")
        #expect(diff.status == 0)
        #expect(diff.standardOutput.contains("*  version.parent_version"))
        #expect(!diff.standardOutput.contains("lineage.rows"))

        let loader = TestSupport.repositoryRoot.appendingPathComponent("interop/python/workbench_model.py").path
        func python(_ reference: String) throws -> TestSupport.ProcessOutput {
            try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"),
                                ["python3", loader, reference, "--registry", registry, "--selftest"])
        }
        let production = try python("cpu@production")
        #expect(production.status == 0, "\(production.standardError)")
        #expect(production.standardOutput.hasPrefix("self-test ok: extended-isolation-forest"))

        #expect(try workbench("models", "rollback", "cpu", "--alias", "production", "--reason", "alert storm")
            .standardOutput == "cpu@production: v3 → v2\n")
        let history = try workbench("models", "history", "cpu").standardOutput.split(separator: "\n")
        #expect(history.count == 4)
        #expect(history[3].contains("production  v3    v2  rollback"))
        #expect(history[3].hasSuffix("alert storm"))

        let gc = try workbench("models", "gc", "cpu", "--keep", "1")
        #expect(gc.status == 0)
        #expect(gc.standardOutput.contains("removed cpu@v1\n"))
        #expect(try workbench("models", "verify").standardOutput == "ok: 3 versions of 1 model verified.\n")

        let file = URL(fileURLWithPath: registry + "/cpu/v4.h5")
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count / 3] ^= 0xFF
        try bytes.write(to: file)
        let verify = try workbench("models", "verify", "cpu")
        #expect(verify.status == 65)
        #expect(verify.standardOutput.hasPrefix("corruption: cpu@v4: v4.h5 has SHA-256 "))
        #expect(verify.standardError == "error: 1 problem found in \(registry).\n")
        let damaged = try python("cpu@v4")
        #expect(damaged.status == 65)
        #expect(damaged.standardError.contains("differs from the registry's"))
    }

    @Test("bad names and unknown models exit with usage and input-missing codes")
    func exitCodes() throws {
        let (directory, model, registry) = try makeWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = try TestSupport.workbench(["models", "register", model, "--name", "../x", "--registry", registry])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("Model name '../x' is not allowed"))
        let missing = try TestSupport.workbench(["models", "show", "nothing@v1", "--registry", registry])
        #expect(missing.status == 66)
        #expect(missing.standardError.hasPrefix("error: Model 'nothing' is not in the registry"))
        let traversal = try TestSupport.workbench(["models", "show", "../etc@v1", "--registry", registry])
        #expect(traversal.status == 64)
    }

    @Test("models help matches its golden file", arguments: [["models"], ["models", "gc"], ["models", "promote"]])
    func help(command: [String]) throws {
        let run = try TestSupport.workbench(command + ["--help"])
        #expect(run.status == 0)
        let golden = TestSupport.repositoryRoot.appendingPathComponent(
            "Tests/WorkbenchCLITests/Golden/\(command.joined(separator: "-"))-help.txt")
        if ProcessInfo.processInfo.environment["WORKBENCH_UPDATE_GOLDEN"] == "1" {
            try run.standardOutput.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(run.standardOutput == (try String(contentsOf: golden, encoding: .utf8)))
    }
}
