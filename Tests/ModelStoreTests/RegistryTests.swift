import Forests
import Foundation
import NumericCore
import ModelFixtures
import Synchronization
import Testing
import TestSupport
@testable import ModelStore

@Suite("Model registry")
struct RegistryTests {
    /// A registry in a fresh temporary folder, with one model registered `versions` times.
    private func makeRegistry(versions: Int, name: String = "cpu") throws -> (ModelRegistry, URL) {
        let root = try TestSupport.makeTemporaryDirectory("registry")
        let registry = ModelRegistry(root: root, lockTimeout: 5)
        let model = TrainedModel.extendedIsolationForest(try Fixtures.extendedIsolationForest(trees: 5))
        for _ in 0 ..< versions {
            _ = try registry.register(model, metadata: Fixtures.metadata(.extendedIsolationForest), name: name)
        }
        return (registry, root)
    }

    @Test("versions get increasing numbers, their parent, and are stamped into the file")
    func registerVersions() throws {
        let (registry, root) = try makeRegistry(versions: 3)
        defer { try? FileManager.default.removeItem(at: root) }
        let index = try registry.index(of: "cpu")
        #expect(index.versions.map(\.version) == [1, 2, 3])
        #expect(index.versions.map(\.metadata.parentVersion) == [nil, 1, 2])
        #expect(index.nextVersion == 4)
        let loaded = try registry.load(ModelReference(parsing: "cpu@v2"))
        #expect(loaded.metadata.name == "cpu")
        #expect(loaded.metadata.version == 2)
        #expect(loaded.metadata.parentVersion == 1)
        #expect(try registry.resolve("cpu").lastPathComponent == "v3.h5")
        #expect(try registry.resolve("cpu@latest").lastPathComponent == "v3.h5")
        #expect(try registry.resolve("cpu@1").lastPathComponent == "v1.h5")
        #expect(try registry.verify().isEmpty)
    }

    @Test("a --model argument is a file path or a registry reference")
    func fileOrReference() throws {
        let (registry, root) = try makeRegistry(versions: 2)
        defer { try? FileManager.default.removeItem(at: root) }
        try registry.promote(ModelReference(parsing: "cpu@v1"), alias: "production")
        #expect(try registry.loadModel(fileOrReference: "cpu@production").metadata.version == 1)
        #expect(try registry.loadModel(fileOrReference: "cpu").metadata.version == 2)
        let path = try registry.resolve("cpu@v1").path
        #expect(try registry.loadModel(fileOrReference: path).metadata.version == 1)
        #expect(throws: ModelStoreError.notFound("Model file missing.h5 does not exist.")) {
            try registry.loadModel(fileOrReference: "missing.h5")
        }
    }

    @Test("unknown versions and aliases are reported with what exists")
    func unknownReferences() throws {
        let (registry, root) = try makeRegistry(versions: 2)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: ModelStoreError.notFound("cpu@v7 does not exist; versions: v1, v2.")) {
            try registry.resolve("cpu@v7")
        }
        #expect(throws: ModelStoreError.notFound("Model 'cpu' has no alias 'production' (it has no aliases).")) {
            try registry.resolve("cpu@production")
        }
        #expect(throws: ModelStoreError.notFound(
            "Model 'mem' is not in the registry \(root.standardizedFileURL.path); it holds: cpu.")) {
            try registry.resolve("mem")
        }
    }

    @Test("promotions and rollbacks move aliases, stack, and are all in the history")
    func promoteAndRollback() throws {
        let (registry, root) = try makeRegistry(versions: 3)
        defer { try? FileManager.default.removeItem(at: root) }
        for version in 1 ... 3 {
            try registry.promote(ModelReference(name: "cpu", selector: .version(version)), alias: "production",
                                 reason: "release \(version)")
        }
        #expect(try registry.promote(ModelReference(parsing: "cpu@v3"), alias: "production") == nil)
        try registry.promote(ModelReference(parsing: "cpu@v1"), alias: "staging")
        #expect(try registry.resolve("cpu@production").lastPathComponent == "v3.h5")
        let first = try registry.rollback(name: "cpu", alias: "production", reason: "bad alerts")
        #expect(first.from == 3 && first.to == 2 && first.action == .rollback)
        #expect(try registry.rollback(name: "cpu", alias: "production").to == 1)
        #expect(throws: ModelStoreError.notFound(
            "'cpu@production' has no earlier holder to roll back to; it has only held v1.")) {
            try registry.rollback(name: "cpu", alias: "production")
        }
        #expect(try registry.index(of: "cpu").aliases == ["production": 1, "staging": 1])
        let history = try registry.history(of: "cpu")
        #expect(history.map(\.alias) == ["production", "production", "production", "staging", "production", "production"])
        #expect(history.map(\.from) == [nil, 1, 2, nil, 3, 2])
        #expect(history.map(\.to) == [1, 2, 3, 1, 2, 1])
        #expect(history[0].reason == "release 1")
        #expect(history[4].reason == "bad alerts")
        #expect(history.allSatisfy { !$0.user.isEmpty && !$0.host.isEmpty && $0.timeUTC.hasSuffix("Z") })
        #expect(try registry.verify().isEmpty)
    }

    @Test("gc keeps the newest, aliased and recently aliased versions and never reuses numbers")
    func garbageCollection() throws {
        let (registry, root) = try makeRegistry(versions: 6)
        defer { try? FileManager.default.removeItem(at: root) }
        try registry.promote(ModelReference(parsing: "cpu@v1"), alias: "production")
        try registry.promote(ModelReference(parsing: "cpu@v2"), alias: "production")
        try registry.promote(ModelReference(parsing: "cpu@v5"), alias: "staging")
        let dryRun = try registry.gc(name: "cpu", keep: 2, dryRun: true)
        #expect(dryRun.removed == [3, 4])
        #expect(try registry.index(of: "cpu").versions.count == 6)
        let report = try registry.gc(name: "cpu", keep: 2)
        #expect(report.removed == [3, 4])
        #expect(report.kept.map(\.version) == [1, 2, 5, 6])
        #expect(report.kept.first { $0.version == 2 }?.reasons.contains("holds 'production'") == true)
        let directory = root.appendingPathComponent("cpu")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("v3.h5").path))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("v1.h5").path))
        #expect(throws: ModelStoreError.notFound("cpu@v3 does not exist (removed by gc).")) {
            try registry.resolve("cpu@v3")
        }
        let next = try registry.register(
            .extendedIsolationForest(try Fixtures.extendedIsolationForest(trees: 5)),
            metadata: Fixtures.metadata(.extendedIsolationForest), name: "cpu")
        #expect(next.version == 7)
        #expect(try registry.rollback(name: "cpu", alias: "production").to == 1)
        #expect(try registry.verify().isEmpty)
        #expect(throws: ModelStoreError.invalidReference("gc --keep must be at least 1; got 0.")) {
            try registry.gc(name: "cpu", keep: 0)
        }
    }

    @Test("verify and load detect a flipped byte in a version file")
    func corruptionDetected() throws {
        let (registry, root) = try makeRegistry(versions: 2)
        defer { try? FileManager.default.removeItem(at: root) }
        let url = try registry.resolve("cpu@v1")
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: url)
        let problems = try registry.verify("cpu")
        #expect(problems.count == 1)
        #expect(problems.first?.severity == .corruption)
        #expect(problems.first?.version == 1)
        #expect(problems.first?.message.hasPrefix("v1.h5 has SHA-256") == true)
        let error = try #require(throws: ModelStoreError.self) { try registry.load(ModelReference(parsing: "cpu@v1")) }
        #expect(error.description.hasPrefix("cpu@v1 (\(url.path)) has SHA-256"))
        #expect(throws: Never.self) { try registry.load(ModelReference(parsing: "cpu@v2")) }
    }

    @Test("promote, rollback and gc of an unknown model fail without creating its folder or lock")
    func failingWritersCreateNothing() throws {
        let (registry, root) = try makeRegistry(versions: 1)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: ModelStoreError.self) { try registry.promote(ModelReference(parsing: "nosuch@v1"), alias: "production") }
        #expect(throws: ModelStoreError.self) { try registry.rollback(name: "nosuch", alias: "production") }
        #expect(throws: ModelStoreError.self) { try registry.gc(name: "nosuch", keep: 1) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["cpu"])
    }

    @Test("a failed first registration takes back the model folder it made; a later one keeps the model")
    func failedFirstRegistrationLeavesNothing() throws {
        let (registry, root) = try makeRegistry(versions: 1)
        defer { try? FileManager.default.removeItem(at: root) }
        struct Full: Error {}
        #expect(throws: ModelStoreError.self) {
            try registry.register(name: "fresh", metadata: Fixtures.metadata(.extendedIsolationForest)) { _, _ in throw Full() }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["cpu"])
        #expect(throws: ModelStoreError.self) {
            try registry.register(name: "cpu", metadata: Fixtures.metadata(.extendedIsolationForest)) { _, _ in throw Full() }
        }
        #expect(try registry.index(of: "cpu").versions.count == 1)
        let model = TrainedModel.extendedIsolationForest(try Fixtures.extendedIsolationForest(trees: 5))
        #expect(try registry.register(model, metadata: Fixtures.metadata(.extendedIsolationForest), name: "fresh").version == 1)
    }

    @Test("a writer waiting while a first registration fails and removes the lock starts again and succeeds")
    func waiterSurvivesRemovedLock() throws {
        let root = try TestSupport.makeTemporaryDirectory("registry-race")
        defer { try? FileManager.default.removeItem(at: root) }
        let registry = ModelRegistry(root: root, lockTimeout: 10)
        let model = TrainedModel.extendedIsolationForest(try Fixtures.extendedIsolationForest(trees: 5))
        struct Full: Error {}
        let done = DispatchGroup()
        let outcome = Mutex<Result<ModelVersion, ModelStoreError>?>(nil)
        done.enter()
        Thread.detachNewThread {
            defer { done.leave() }
            _ = try? registry.register(name: "cpu", metadata: Fixtures.metadata(.extendedIsolationForest)) { _, _ in
                Thread.sleep(forTimeInterval: 0.5)
                throw Full()
            }
        }
        Thread.sleep(forTimeInterval: 0.15)
        done.enter()
        Thread.detachNewThread {
            defer { done.leave() }
            let result = Result { () throws(ModelStoreError) -> ModelVersion in
                try registry.register(model, metadata: Fixtures.metadata(.extendedIsolationForest), name: "cpu")
            }
            outcome.withLock { $0 = result }
        }
        try #require(done.wait(timeout: .now() + 30) == .success, "the writers did not finish within 30 s")
        #expect(try outcome.withLock { try $0?.get().version } == 1)
        #expect(try registry.index(of: "cpu").versions.map(\.version) == [1])
        #expect(try registry.verify().isEmpty)
    }

    @Test("a missing root is an error only when asked; a file as root is not a registry")
    func rootMustBeAFolder() throws {
        let root = try TestSupport.makeTemporaryDirectory("registry-root")
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = ModelRegistry(root: root.appendingPathComponent("typo"))
        try missing.checkRoot(missingIsEmpty: true)
        #expect(throws: ModelStoreError.notFound("The registry \(missing.root.path) does not exist: No such file or directory "
            + "(check --registry or WORKBENCH_REGISTRY).")) { try missing.checkRoot() }
        let file = root.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let notFolder = ModelRegistry(root: file)
        let expected = ModelStoreError.notARegistry("The registry \(file.path) is a file, not a registry folder "
            + "(check --registry or WORKBENCH_REGISTRY).")
        #expect(throws: expected) { try notFolder.checkRoot(missingIsEmpty: true) }
        #expect(throws: expected) { try notFolder.index(of: "cpu") }
        let model = TrainedModel.extendedIsolationForest(try Fixtures.extendedIsolationForest(trees: 5))
        #expect(throws: expected) {
            try notFolder.register(model, metadata: Fixtures.metadata(.extendedIsolationForest), name: "cpu")
        }
    }

    @Test("registering removes temporaries of dead writers and keeps a live writer's")
    func registerSweepsDeadWriters() throws {
        let (registry, root) = try makeRegistry(versions: 1)
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("cpu")
        let dead = ".v2.h5.tmp-999999999-1", live = ".v2.h5.tmp-\(getpid())-999999"
        try Data().write(to: folder.appendingPathComponent(dead))
        try Data().write(to: folder.appendingPathComponent(live))
        let model = TrainedModel.extendedIsolationForest(try Fixtures.extendedIsolationForest(trees: 5))
        _ = try registry.register(model, metadata: Fixtures.metadata(.extendedIsolationForest), name: "cpu")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains(dead) && names.contains(live))
        #expect(names.contains("v2.h5") && names.contains("index.json"))
    }

    @Test("verify reports missing files, dangling aliases and leftovers of crashed writers")
    func verifyFindings() throws {
        let (registry, root) = try makeRegistry(versions: 2)
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("cpu")
        try FileManager.default.removeItem(at: directory.appendingPathComponent("v2.h5"))
        var index = try registry.index(of: "cpu")
        index.aliases["production"] = 9
        try registry.store(index)
        try Data().write(to: directory.appendingPathComponent(".v3.h5.tmp-999999999-2"))
        let problems = try registry.verify("cpu").map(\.description)
        #expect(problems == [
            "corruption: cpu@v2: file v2.h5 is missing.",
            "corruption: cpu@v9: alias 'production' points at a version that is not registered.",
            "warning: cpu@v9: alias 'production' points here but its last audit record says nothing "
                + "(a move interrupted by a crash?).",
            "warning: cpu: temporary file .v3.h5.tmp-999999999-2 was left by an interrupted write; the next writer removes it.",
        ])
    }

    @Test("names and aliases outside [a-z0-9][a-z0-9._-]* or reserved are refused", arguments: [
        "../etc", "Cpu", "a/b", ".hidden", "", "-x", "cpu\u{0}", String(repeating: "a", count: 101), "a b",
    ])
    func badNames(name: String) throws {
        let root = try TestSupport.makeTemporaryDirectory("registry")
        defer { try? FileManager.default.removeItem(at: root) }
        let registry = ModelRegistry(root: root)
        let error = try #require(throws: ModelStoreError.self) {
            try registry.register(
                .extendedIsolationForest(try Fixtures.extendedIsolationForest(trees: 2)),
                metadata: Fixtures.metadata(.extendedIsolationForest), name: name)
        }
        #expect(error == .invalidReference("Model name '\(name)' is not allowed: use 1–100 characters from "
            + "a-z, 0-9, '.', '_', '-', starting with a letter or digit."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }

    @Test("reserved alias words are refused", arguments: ["latest", "v3", "12"])
    func reservedAliases(alias: String) {
        #expect(throws: ModelStoreError.invalidReference(
            "Alias '\(alias)' is reserved: 'latest', 'vN' and plain numbers select versions.")) {
            try ModelReference.validateAlias(alias)
        }
    }

    @Test("references parse into name and selector")
    func parsing() throws {
        #expect(try ModelReference(parsing: "cpu.load_1m-x") == ModelReference(name: "cpu.load_1m-x"))
        #expect(try ModelReference(parsing: "cpu@v12").selector == .version(12))
        #expect(try ModelReference(parsing: "cpu@12").selector == .version(12))
        #expect(try ModelReference(parsing: "cpu@production").selector == .alias("production"))
        #expect(try ModelReference(parsing: "cpu@latest").selector == .latest)
        #expect(throws: ModelStoreError.invalidReference(
            "'cpu@' has nothing after '@'; expected NAME@vN, NAME@ALIAS or NAME@latest.")) {
            try ModelReference(parsing: "cpu@")
        }
        #expect(throws: ModelStoreError.invalidReference("Version numbers start at 1; got 0 for model 'cpu'.")) {
            try ModelReference(parsing: "cpu@v0")
        }
    }

    @Test("a model folder linking outside the root is refused; one linking inside it is followed")
    func symlinkEscape() throws {
        let (registry, root) = try makeRegistry(versions: 1)
        let outside = try TestSupport.makeTemporaryDirectory("outside")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("cpu"), to: outside.appendingPathComponent("cpu"))
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("evil"), withDestinationURL: outside.appendingPathComponent("cpu"))
        let error = try #require(throws: ModelStoreError.self) { try registry.resolve("evil") }
        #expect(error.description.hasSuffix("is a symbolic link leading outside the registry \(root.standardizedFileURL.path); refusing it."))
        let archive = root.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: root.appendingPathComponent("cpu"), to: archive.appendingPathComponent("cpu"))
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("cpu"), withDestinationURL: archive.appendingPathComponent("cpu"))
        #expect(throws: Never.self) { try registry.load(ModelReference(parsing: "cpu@v1")) }
    }
}
