import Foundation
import Testing
import TestSupport
import ModelStore
@testable import Publishing

/// What a bundle holds: thresholds by choice, self-test rows, manifest.
@Suite("Model bundle")
struct ModelBundleTests {
    private func thresholds(_ bundle: ModelBundle) throws -> [String: Any] {
        let bytes = bundle.files.first { $0.path == "thresholds.json" }!.bytes
        return try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
    }

    @Test("without --threshold the model's alert level (warn) raises is_anomaly; levels keep name, value and rule")
    func defaultThreshold() throws {
        let fixtures = try PublishFixtures()
        defer { fixtures.remove() }
        let document = try thresholds(try fixtures.bundle(1))
        #expect(document["score"] as? String == "anomaly_score")
        #expect(document["alert_when"] as? String == "score >= value")
        #expect((document["scale"] as? String)?.hasPrefix("0..1") == true)
        let scope = (document["scopes"] as! [[String: Any]])[0]
        #expect(scope["tenant"] as? String == "acme")
        #expect(scope["collector"] is NSNull && scope["metric"] is NSNull && scope["group"] is NSNull)
        let levels = (scope["levels"] as! [[String: Any]]).map { $0["name"] as! String }
        #expect(Set(levels) == ["warn", "critical", "f1_optimal"])
        #expect((scope["is_anomaly"] as! [String: Any])["level"] as? String == "warn")
    }

    @Test("--threshold picks a level or a value; an unknown level lists the available ones")
    func thresholdChoice() throws {
        let fixtures = try PublishFixtures()
        defer { fixtures.remove() }
        var scope = (try thresholds(try fixtures.bundle(1, threshold: .level("critical")))["scopes"] as! [[String: Any]])[0]
        #expect((scope["is_anomaly"] as! [String: Any])["value"] as? Double == 0.7)
        scope = (try thresholds(try fixtures.bundle(1, threshold: ThresholdChoice(parsing: "0.65")))["scopes"]
            as! [[String: Any]])[0]
        #expect((scope["is_anomaly"] as! [String: Any])["level"] as? String == "value")
        #expect(throws: PublishingError.invalidRequest(
            "Model cpu@v1 has no threshold level 'recall_0.9'; available: f1_optimal, warn, critical (or give a number).")) {
            try fixtures.bundle(1, threshold: .level("recall_0.9"))
        }
    }

    @Test("selftest.csv holds the model file's golden rows, Workbench's scores and the flag at the chosen level")
    func selfTestRows() throws {
        let fixtures = try PublishFixtures()
        defer { fixtures.remove() }
        let bundle = try fixtures.bundle(1, threshold: .value(0.6))
        let text = String(decoding: bundle.files.first { $0.path == "selftest.csv" }!.bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "cpu.user,cpu.system,mem.used,anomaly_score,is_anomaly")
        #expect(lines.count - 1 == bundle.selfTestRows && bundle.selfTestRows >= 8)
        #expect(lines.contains(",,,") == false)
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            let score = Double(cells[3])!
            #expect(score > 0 && score < 1)
            #expect(cells[4] == (score >= 0.6 ? "1" : "0"))
        }
        #expect(lines.contains { $0.hasPrefix(",,,") })  // the all-NaN row: empty feature cells
    }

    @Test("the manifest records format versions, the registry's hashes and the lineage digest")
    func manifestFields() throws {
        let fixtures = try PublishFixtures()
        defer { fixtures.remove() }
        let bundle = try fixtures.bundle(2)
        let version = try fixtures.registry.version(.init(name: "cpu", selector: .version(2)))
        #expect(bundle.manifest.registry.fileSHA256 == version.fileSHA256)
        #expect(bundle.manifest.registry.contentSHA256 == version.contentSHA256)
        #expect(bundle.manifest.registry.lineageDigest == version.metadata.lineage.datasetSHA256)
        #expect(bundle.manifest.formats.modelFile == "3.0" && bundle.manifest.formats.bundle == 1)
        #expect(bundle.manifest.featureSpec == nil)
        let text = String(decoding: bundle.manifestBytes, as: UTF8.self)
        #expect(text.contains("\"feature_spec\" : null"))
    }
}

/// Feature specs recorded in the registry reach the manifest unchanged.
@Suite("Feature spec in bundles")
struct FeatureSpecBundleTests {
    @Test("a feature_spec in the version's metadata is copied to manifest.json as is")
    func featureSpecCopied() throws {
        let fixtures = try PublishFixtures()
        defer { fixtures.remove() }
        let indexPath = fixtures.registry.root.path + "/cpu/index.json"
        var index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: indexPath))) as! [String: Any]
        var versions = index["versions"] as! [[String: Any]]
        var metadata = versions[0]["metadata"] as! [String: Any]
        metadata["feature_spec"] = ["time": "timestamp", "transforms": [["kind": "lag", "column": "cpu.user", "rows": 1]]]
        versions[0]["metadata"] = metadata
        index["versions"] = versions
        try JSONSerialization.data(withJSONObject: index).write(to: URL(fileURLWithPath: indexPath))
        let spec = try fixtures.bundle(1).manifest.featureSpec
        #expect(spec == .object(["time": .string("timestamp"),
                                 "transforms": .array([.object(["kind": .string("lag"), "column": .string("cpu.user"),
                                                                "rows": .number(1)])])]))
        #expect(try fixtures.bundle(2).manifest.featureSpec == nil)
    }

    @Test("a model registered with ModelMetadata.featureSpec (train --feature-spec) publishes that spec")
    func featureSpecFromMetadata() throws {
        let fixtures = try PublishFixtures()
        defer { fixtures.remove() }
        let loaded = try fixtures.registry.load(ModelReference(name: "cpu", selector: .version(1)))
        var metadata = loaded.metadata
        let spec: JSONValue = .object(["time": "timestamp", "group": "tenant_id", "exclude": .array(["label"]),
                                       "transforms": .array([.object(["kind": "raw"])])])
        metadata.featureSpec = spec
        let version = try fixtures.registry.register(loaded.model, metadata: metadata, name: "cpu",
                                                     selfTestRows: PublishFixtures.matrix(seed: 5))
        #expect(version.metadata.featureSpec == spec)
        #expect(try fixtures.bundle(version.version).manifest.featureSpec == spec)
    }
}
