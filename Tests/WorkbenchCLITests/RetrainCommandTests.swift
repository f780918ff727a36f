import Foundation
import ModelStore
import Publishing
import Testing
import TestSupport

/// `workbench retrain` as a scheduler runs it: exit codes, JSON, the lock across processes, kill -9 and SIGTERM.
@Suite("workbench retrain", .serialized)
struct RetrainCommandTests {
    /// A spec over the bundled metrics in a fresh folder; `trees` sets the regressor's size (and the run's length).
    static func spec(in folder: URL, trees: Int = 10, models: String? = nil, source: String? = nil) throws -> String {
        let path = folder.appendingPathComponent("job.yaml").path
        let yaml = RetrainSpecFixture.yaml(in: folder, models: models ?? RetrainSpecFixture.models(requestTrees: trees), source: source)
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func runs(_ output: TestSupport.ProcessOutput) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any]
        return object?["runs"] as? [[String: Any]] ?? []
    }

    /// The registry verifies and every published pointer leads to a verified bundle.
    static func expectConsistent(_ folder: URL, _ context: String) throws {
        let verify = try TestSupport.workbench(["models", "verify", "--registry", folder.path + "/models"])
        #expect(verify.status == 0, "\(context): \(verify.standardOutput) \(verify.standardError)")
        let publisher = DirectoryPublisher(root: folder.path + "/published")
        for name in publisher.names() {
            let status = try publisher.status(name: name)
            #expect(status.verified, "\(context): \(name) \(status.problems)")
        }
    }

    @Test("a run prints one JSON summary; the re-run keeps every version and exits 0; --dry-run plans")
    func jsonAndRerun() throws {
        let folder = try TestSupport.makeTemporaryDirectory("retrain-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.spec(in: folder)
        let planned = try TestSupport.workbench(["retrain", "--spec", spec, "--dry-run", "--json"])
        #expect(planned.status == 0, "\(planned.standardError)")
        #expect(try Self.runs(planned).map { $0["outcome"] as? String } == Array(repeating: "planned", count: 6))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/models"))

        let first = try TestSupport.workbench(["retrain", "--spec", spec, "--json"])
        #expect(first.status == 0, "\(first.standardOutput) \(first.standardError)")
        let runs = try Self.runs(first)
        #expect(runs.count == 6)
        #expect(runs.allSatisfy { $0["outcome"] as? String == "promoted" }, "\(first.standardOutput)")
        #expect(Set(runs.flatMap { ($0 as NSDictionary).allKeys as? [String] ?? [] })
            == ["tenant", "model", "outcome", "version", "metrics", "reason"])

        let second = try TestSupport.workbench(["retrain", "--spec", spec])
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.contains("kept"))
        #expect(!second.standardOutput.contains("promoted"))
        #expect(second.standardOutput.contains("registry:  \(folder.path)/models"))
        try Self.expectConsistent(folder, "after two runs")
    }

    @Test("a spec with errors exits 78 naming the key path, before touching anything")
    func invalidSpec() throws {
        let folder = try TestSupport.makeTemporaryDirectory("retrain-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.spec(in: folder, models: """
              - name: anomalies
                algorithm: isolation-forst
                gates: {min: {average_precision: high}}
            """)
        let result = try TestSupport.workbench(["retrain", "--spec", spec])
        #expect(result.status == 78)
        #expect(result.standardError.contains("models[0].algorithm: unknown algorithm 'isolation-forst'; did you mean 'isolation-forest'?"),
                "\(result.standardError)")
        #expect(result.standardError.contains("(and 1 more problem)"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/models"))
    }

    @Test("a gate rejection exits 1 and keeps production")
    func gateRejection() throws {
        let folder = try TestSupport.makeTemporaryDirectory("retrain-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.spec(in: folder)
        #expect(try TestSupport.workbench(["retrain", "--spec", spec, "--tenant", "tenant-c"]).status == 0)
        let stricter = try String(contentsOfFile: spec, encoding: .utf8)
            .replacingOccurrences(of: "min: {r2: 0.5}", with: "min: {r2: 0.9999}")
            .replacingOccurrences(of: "trees: 10,", with: "trees: 12,")
        try Data(stricter.utf8).write(to: URL(fileURLWithPath: spec))
        let result = try TestSupport.workbench(["retrain", "--spec", spec, "--tenant", "tenant-c"])
        #expect(result.status == 1, "\(result.standardOutput) \(result.standardError)")
        let line = result.standardOutput.split(separator: "\n").first { $0.contains("requests-tenant-c") } ?? ""
        #expect(line.contains("gate_failed") && line.contains(" v2 "), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("< min 0.9999"))
        let registry = ModelRegistry(root: folder.appendingPathComponent("models"))
        #expect(try registry.index(of: "requests-tenant-c").aliases["production"] == 1)
    }

    @Test("two concurrent runs: the second exits 75 at once naming the holder")
    func concurrentRuns() throws {
        let folder = try TestSupport.makeTemporaryDirectory("retrain-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.spec(in: folder, trees: 150)
        let first = try Self.start(["retrain", "--spec", spec])
        defer { if first.isRunning { first.terminate() } }
        let lock = folder.path + "/models/.retrain.lock"
        let deadline = Date().addingTimeInterval(30)
        while ((try? String(contentsOfFile: lock, encoding: .utf8)) ?? "").isEmpty, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let started = Date()
        let second = try TestSupport.workbench(["retrain", "--spec", spec])
        #expect(first.isRunning, "the first run ended before the second started; make it longer")
        #expect(second.status == 75, "\(second.standardError)")
        #expect(second.standardError.contains("holds the lock: pid \(first.processIdentifier) on "), "\(second.standardError)")
        #expect(Date().timeIntervalSince(started) < 5)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
    }

    @Test("kill -9 at any moment leaves a verified registry and bundles; the next run completes", arguments: [0.3, 0.8, 1.5, 2.5])
    func killNine(after seconds: Double) throws {
        let folder = try TestSupport.makeTemporaryDirectory("retrain-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.spec(in: folder, trees: 60)
        let process = try Self.start(["retrain", "--spec", spec])
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try Self.expectConsistent(folder, "killed after \(seconds) s")
        let next = try TestSupport.workbench(["retrain", "--spec", spec, "--json"])
        #expect(next.status == 0, "\(next.standardOutput) \(next.standardError)")
        let outcomes = try Self.runs(next).compactMap { $0["outcome"] as? String }
        #expect(outcomes.count == 6 && outcomes.allSatisfy { $0 == "promoted" || $0 == "kept" }, "\(next.standardOutput)")
        try Self.expectConsistent(folder, "re-run after kill at \(seconds) s")
        let registry = ModelRegistry(root: folder.appendingPathComponent("models"))
        for name in registry.names() {
            let index = try registry.index(of: name)
            // A registration the kill interrupted leaves its number taken (numbers are never reused), so the one
            // version may be v2; there is exactly one, and it is production and published.
            #expect(index.versions.count == 1, "\(name): a killed run's version must be reused, not duplicated")
            let version = try #require(index.versions.first?.version)
            #expect(index.aliases["production"] == version)
            #expect(try DirectoryPublisher(root: folder.path + "/published").status(name: name).current?.version == version)
        }
    }

    /// Crash points the storage and publishing hooks pause at: (variable, value, where the paused writer is seen).
    static let crashPoints: [(String, String, String)] = [
        ("WORKBENCH_TEST_PAUSE_BEFORE_RENAME", "60", "models"),
        ("WORKBENCH_TEST_PUBLISH_PAUSE", "bundle-rename:60", "published"),
        ("WORKBENCH_TEST_PUBLISH_PAUSE", "pointer:60", "published/anomalies-tenant-a/v1"),
        ("WORKBENCH_TEST_PUBLISH_PAUSE", "pointer-rename:60", "published"),
    ]

    @Test("kill -9 while a version, a bundle or a pointer is half written: consistent, and the next run completes",
          arguments: crashPoints)
    func killNineAtStep(variable: String, value: String, place: String) throws {
        let folder = try TestSupport.makeTemporaryDirectory("retrain-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.spec(in: folder)
        let process = try Self.start(["retrain", "--spec", spec], environment: [variable: value])
        let watched = folder.path + "/" + place
        let deadline = Date().addingTimeInterval(60)
        func paused() -> Bool {
            if place.hasSuffix("/v1") { return FileManager.default.fileExists(atPath: watched) }
            let entries = FileManager.default.enumerator(atPath: watched)?.allObjects as? [String] ?? []
            return entries.contains { ($0 as NSString).lastPathComponent.contains(".tmp-") }
        }
        while !paused(), process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(process.isRunning && paused(), "\(value): the job never paused at \(place)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try Self.expectConsistent(folder, "killed at \(value)")
        let next = try TestSupport.workbench(["retrain", "--spec", spec, "--json"])
        #expect(next.status == 0, "\(next.standardOutput) \(next.standardError)")
        #expect(try Self.runs(next).allSatisfy { ["promoted", "kept"].contains($0["outcome"] as? String) }, "\(next.standardOutput)")
        try Self.expectConsistent(folder, "re-run after the kill at \(value)")
        let publisher = DirectoryPublisher(root: folder.path + "/published")
        #expect(publisher.names().count == 6)
    }

    @Test("SIGTERM finishes the current step, starts no other, and exits 143")
    func sigterm() throws {
        let folder = try TestSupport.makeTemporaryDirectory("retrain-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.spec(in: folder, trees: 300)
        let output = folder.appendingPathComponent("stdout").path
        FileManager.default.createFile(atPath: output, contents: nil)
        let process = try Self.start(["retrain", "--spec", spec], output: output)
        let lock = folder.path + "/models/.retrain.lock"
        let deadline = Date().addingTimeInterval(30)
        while ((try? String(contentsOfFile: lock, encoding: .utf8)) ?? "").isEmpty, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        let table = try String(contentsOfFile: output, encoding: .utf8)
        #expect(table.contains("cancelled (SIGTERM) before this step; nothing promoted"), "the summary is printed: \(table)")
        try Self.expectConsistent(folder, "after SIGTERM")
    }

    static func start(_ arguments: [String], output: String? = nil, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = TestSupport.workbenchExecutable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try output.map { try FileHandle(forWritingTo: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
