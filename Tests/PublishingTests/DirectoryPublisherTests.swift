import Foundation
import Testing
import TestSupport
@testable import Publishing

/// Bundles, pointers, history, rollback and status on a directory.
@Suite("Directory publisher")
struct DirectoryPublisherTests {
    private func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    @Test("a publication writes the four files with matching hashes, pins the manifest and logs the move")
    func publishWritesBundle() throws {
        let fixtures = try PublishFixtures()
        defer { fixtures.remove() }
        let publisher = DirectoryPublisher(root: fixtures.publications)
        let outcome = try publisher.publish(try fixtures.bundle(1), threshold: nil)
        #expect(outcome == PublicationOutcome(changed: true, from: nil, to: 1, manifestSHA256: outcome.manifestSHA256,
                                              reusedBundle: false))
        let folder = fixtures.publications + "/cpu"
        let bundle = folder + "/v1"
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: bundle))
            == ["model.h5", "thresholds.json", "selftest.csv", "manifest.json"])
        let manifestBytes = try Data(contentsOf: URL(fileURLWithPath: bundle + "/manifest.json"))
        let current = try json(folder + "/current.json")
        #expect(current["version"] as? Int == 1)
        #expect(current["manifest_sha256"] as? String == JSONFiles.sha256(manifestBytes))
        let manifest = try json(bundle + "/manifest.json")
        #expect(manifest["name"] as? String == "cpu")
        #expect(manifest["tenant"] as? String == "acme")
        #expect(manifest["features"] as? [String] == ["cpu.user", "cpu.system", "mem.used"])
        let files = manifest["files"] as! [[String: Any]]
        #expect(files.map { $0["path"] as! String } == ["model.h5", "selftest.csv", "thresholds.json"])
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: bundle + "/" + (file["path"] as! String)))
            #expect(file["sha256"] as? String == JSONFiles.sha256(data))
            #expect(file["bytes"] as? Int == data.count)
        }
        let version = try fixtures.registry.version(.init(name: "cpu", selector: .version(1)))
        #expect((manifest["registry"] as! [String: Any])["file_sha256"] as? String == version.fileSHA256)
        let model = try Data(contentsOf: URL(fileURLWithPath: bundle + "/model.h5"))
        #expect(JSONFiles.sha256(model) == version.fileSHA256)
        let history = try String(contentsOfFile: folder + "/history.jsonl", encoding: .utf8)
        #expect(history.split(separator: "\n").count == 1)
        #expect(history.contains("\"action\":\"publish\"") && history.contains("\"to\":1"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/previous.json"))
        #expect(try mode(bundle) == 0o755)
        for name in ["model.h5", "thresholds.json", "selftest.csv", "manifest.json"] {
            #expect(try mode(bundle + "/" + name) == 0o644, "\(name)")
        }
    }

    @Test("publishing the version already current changes nothing: no pointer write, no history line")
    func republishIsNoOp() throws {
        let fixtures = try PublishFixtures()
        defer { fixtures.remove() }
        let publisher = DirectoryPublisher(root: fixtures.publications)
        let first = try publisher.publish(try fixtures.bundle(1), threshold: nil)
        let pointer = try Data(contentsOf: URL(fileURLWithPath: fixtures.publications + "/cpu/current.json"))
        let again = try publisher.publish(try fixtures.bundle(1), threshold: nil)
        #expect(!again.changed && again.reusedBundle && again.manifestSHA256 == first.manifestSHA256)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixtures.publications + "/cpu/current.json")) == pointer)
        let history = try String(contentsOfFile: fixtures.publications + "/cpu/history.jsonl", encoding: .utf8)
        #expect(history.split(separator: "\n").count == 1)
    }

    @Test("rollback returns to the previous version and back; status verifies and names previous")
    func rollbackAndStatus() throws {
        let fixtures = try PublishFixtures()
        defer { fixtures.remove() }
        let publisher = DirectoryPublisher(root: fixtures.publications)
        _ = try publisher.publish(try fixtures.bundle(1), threshold: nil)
        _ = try publisher.publish(try fixtures.bundle(2), threshold: nil)
        var status = try publisher.status(name: "cpu")
        #expect(status.current?.version == 2 && status.previous?.version == 1 && status.verified)
        let back = try publisher.rollback(name: "cpu")
        #expect(back.from == 2 && back.to == 1)
        status = try publisher.status(name: "cpu")
        #expect(status.current?.version == 1 && status.previous?.version == 2 && status.verified)
        #expect(try publisher.rollback(name: "cpu").to == 2)
        #expect(publisher.names() == ["cpu"])
        let history = try String(contentsOfFile: fixtures.publications + "/cpu/history.jsonl", encoding: .utf8)
        #expect(history.split(separator: "\n").map { $0.contains("\"action\":\"rollback\"") } == [false, false, true, true])
    }

    @Test("rollback with nothing before is refused; rollback to a damaged bundle is refused and moves nothing")
    func rollbackRefusals() throws {
        let fixtures = try PublishFixtures()
        defer { fixtures.remove() }
        let publisher = DirectoryPublisher(root: fixtures.publications)
        _ = try publisher.publish(try fixtures.bundle(1), threshold: nil)
        #expect(throws: PublishingError.self) { try publisher.rollback(name: "cpu") }
        _ = try publisher.publish(try fixtures.bundle(2), threshold: nil)
        try Data("x".utf8).write(to: URL(fileURLWithPath: fixtures.publications + "/cpu/v1/selftest.csv"))
        do {
            _ = try publisher.rollback(name: "cpu")
            Issue.record("rollback to a damaged bundle succeeded")
        } catch {
            #expect(error.description.contains("v1/selftest.csv has 1 bytes"))
        }
        #expect(try publisher.status(name: "cpu").current?.version == 2)
    }

    @Test("status reports a flipped bit in model.h5 and a missing file by path")
    func statusDetectsDamage() throws {
        let fixtures = try PublishFixtures()
        defer { fixtures.remove() }
        let publisher = DirectoryPublisher(root: fixtures.publications)
        _ = try publisher.publish(try fixtures.bundle(1), threshold: nil)
        let model = URL(fileURLWithPath: fixtures.publications + "/cpu/v1/model.h5")
        var bytes = try Data(contentsOf: model)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: model)
        var status = try publisher.status(name: "cpu")
        #expect(!status.verified)
        #expect(status.problems.count == 1 && status.problems[0].contains("model.h5 has SHA-256"))
        try FileManager.default.removeItem(atPath: fixtures.publications + "/cpu/v1/thresholds.json")
        status = try publisher.status(name: "cpu")
        #expect(status.problems.contains { $0.contains("thresholds.json is missing") })
    }

    @Test("a bundle that exists with another threshold choice is refused: bundles are immutable")
    func immutableBundles() throws {
        let fixtures = try PublishFixtures()
        defer { fixtures.remove() }
        let publisher = DirectoryPublisher(root: fixtures.publications)
        _ = try publisher.publish(try fixtures.bundle(1), threshold: nil)
        let critical = try fixtures.bundle(1, threshold: .level("critical"))
        do {
            _ = try publisher.publish(critical, threshold: "critical")
            Issue.record("a different bundle replaced v1")
        } catch {
            #expect(error == .invalidRequest(error.description) && error.description.contains("thresholds.json"))
        }
    }
}
