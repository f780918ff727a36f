import Foundation
import ModelStore
import Publishing
import Retrain
import Testing

@Suite("Retrain job end to end on the bundled synthetic metrics", .serialized)
struct RetrainJobTests {
    let tenants = ["tenant-a", "tenant-b", "tenant-c"]

    @Test("a full run registers, promotes and publishes every tenant × model, and writes report, summary and textfile")
    func fullRun() throws {
        let fixture = try JobFixture()
        defer { fixture.remove() }
        let result = try fixture.job().run()
        #expect(result.summary.runs.count == 6)
        #expect(result.summary.runs.allSatisfy { $0.outcome == .promoted && $0.version == "v1" }, "\(result.summary.table())")
        #expect(result.summary.exitCode == 0)
        let registry = ModelRegistry(root: URL(fileURLWithPath: fixture.registry))
        for model in ["anomalies", "requests"] {
            for tenant in tenants {
                let name = "\(model)-\(tenant)"
                let index = try registry.index(of: name)
                #expect(index.aliases["production"] == 1)
                let metadata = index.versions[0].metadata
                #expect(metadata.lineage.tenant == tenant)
                #expect(metadata.lineage.idempotencyKey?.count == 64)
                #expect(metadata.metrics.keys.contains { $0.hasPrefix("holdout_") }, "\(metadata.metrics)")
                #expect(FileManager.default.fileExists(atPath: "\(fixture.published)/\(name)/current.json"))
            }
        }
        #expect(try registry.verify().isEmpty)
        let publisher = DirectoryPublisher(root: fixture.published)
        #expect(publisher.names().count == 6)
        for name in publisher.names() { #expect(try publisher.status(name: name).verified, "\(name)") }
        let report = try #require(result.report)
        let index = try String(contentsOfFile: report + "/index.md", encoding: .utf8)
        #expect(index.contains("[anomalies-tenant-b](anomalies-tenant-b/report.md)"))
        let page = try String(contentsOfFile: report + "/requests-tenant-c/report.md", encoding: .utf8)
        #expect(page.contains("`r2` on the hold-out: candidate"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report + "/summary.json")))
        #expect(((summary as? [String: Any])?["runs"] as? [Any])?.count == 6)
        let textfile = try String(contentsOfFile: fixture.textfile, encoding: .utf8)
        #expect(textfile.contains(#"workbench_retrain_outcome{model="anomalies-tenant-a",outcome="promoted",tenant="tenant-a"} 1"#))
        #expect(textfile.contains(#"workbench_published_model_version{model="requests-tenant-b",tenant="tenant-b"} 1"#))
    }

    @Test("a re-run over the same data registers and publishes nothing; changed hyperparameters register again")
    func idempotentRerun() throws {
        let fixture = try JobFixture()
        defer { fixture.remove() }
        _ = try fixture.job().run()
        let history = try String(contentsOfFile: fixture.published + "/anomalies-tenant-a/history.jsonl", encoding: .utf8)
        let again = try fixture.job().run()
        #expect(again.summary.runs.allSatisfy { $0.outcome == .kept && $0.version == "v1" }, "\(again.summary.table())")
        #expect(again.summary.runs[0].reason?.contains("nothing registered or published") == true)
        #expect(again.summary.exitCode == 0)
        let registry = ModelRegistry(root: URL(fileURLWithPath: fixture.registry))
        #expect(try registry.index(of: "anomalies-tenant-a").versions.count == 1)
        #expect(try String(contentsOfFile: fixture.published + "/anomalies-tenant-a/history.jsonl", encoding: .utf8) == history)

        try fixture.write(models: JobFixture.defaultModels.replacingOccurrences(of: "trees: 100", with: "trees: 101"))
        let changed = try fixture.job(tenant: "tenant-a").run()
        #expect(changed.summary.runs.first { $0.model == "anomalies-tenant-a" }?.version == "v2")
    }

    @Test("a gate rejection registers the candidate, keeps production and exits 1")
    func gateRejection() throws {
        let fixture = try JobFixture()
        defer { fixture.remove() }
        _ = try fixture.job(tenant: "tenant-b").run()
        try fixture.write(models: JobFixture.defaultModels
            .replacingOccurrences(of: "trees: 100", with: "trees: 60")
            .replacingOccurrences(of: "min: {roc_auc: 0.6}", with: "min: {roc_auc: 0.999}"))
        let result = try fixture.job(tenant: "tenant-b").run()
        let anomalies = try #require(result.summary.runs.first { $0.model == "anomalies-tenant-b" })
        #expect(anomalies.outcome == .gateFailed)
        #expect(anomalies.version == "v2")
        #expect(anomalies.reason?.hasPrefix("roc_auc 0.") == true && anomalies.reason?.contains("< min 0.999") == true,
                "\(anomalies.reason ?? "")")
        #expect(result.summary.exitCode == 1)
        let registry = ModelRegistry(root: URL(fileURLWithPath: fixture.registry))
        #expect(try registry.index(of: "anomalies-tenant-b").aliases["production"] == 1)
        let current = try String(contentsOfFile: fixture.published + "/anomalies-tenant-b/current.json", encoding: .utf8)
        #expect(current.contains("\"version\" : 1") || current.contains("\"version\":1"), "\(current)")
    }

    @Test("a classifier whose hold-out incidents it cannot rank is rejected on its own gate")
    func classifierGate() throws {
        let fixture = try JobFixture(models: """
              - name: incidents
                per_tenant: true
                algorithm: random-forest-classifier
                target: label
                hyperparameters: {trees: 20, class_weight: balanced, min_samples_leaf: 5}
                gates: {min: {roc_auc: 0.6}}
            """)
        defer { fixture.remove() }
        let result = try fixture.job().run()
        #expect(result.summary.runs.count == 3)
        for run in result.summary.runs {
            let auc = try #require(run.metrics["roc_auc"], "\(run)")
            #expect(run.outcome == (auc >= 0.6 ? .promoted : .gateFailed), "\(run)")
            #expect(run.metrics["false_alerts_per_group_day"] != nil && run.metrics["log_loss"] != nil)
        }
    }

    @Test("shards 0/3, 1/3 and 2/3 run every tenant exactly once on one registry")
    func shards() throws {
        let fixture = try JobFixture()
        defer { fixture.remove() }
        var seen: [String] = []
        for index in 0 ..< 3 {
            let result = try fixture.job(shard: try Shard(index: index, of: 3)).run()
            #expect(result.summary.runs.allSatisfy { $0.outcome == .promoted })
            seen += result.summary.runs.filter { $0.model.hasPrefix("anomalies") }.compactMap(\.tenant)
        }
        #expect(seen.sorted() == tenants)
        #expect(ModelRegistry(root: URL(fileURLWithPath: fixture.registry)).names().count == 6)
    }

    @Test("features: default trains on the Features library's columns and stores the spec with the model and its bundle")
    func features() throws {
        let fixture = try JobFixture(models: JobFixture.defaultModels.replacingOccurrences(
            of: "target: api_gateway/requests_per_second", with: "target: api_gateway/requests_per_second\n    features: default"))
        defer { fixture.remove() }
        let result = try fixture.job(tenant: "tenant-a").run()
        let requests = try #require(result.summary.runs.first { $0.model == "requests-tenant-a" })
        #expect(requests.outcome == .promoted, "\(requests)")
        let registry = ModelRegistry(root: URL(fileURLWithPath: fixture.registry))
        let metadata = try registry.index(of: "requests-tenant-a").versions[0].metadata
        #expect(metadata.featureSpec != nil)
        #expect(metadata.features.contains("api_gateway/error_rate_percent:robust_z_1d"), "\(metadata.features.prefix(12))")
        #expect(!metadata.features.contains { $0.hasPrefix("api_gateway/requests_per_second") }, "the target never feeds a feature")
        let manifest = try String(contentsOfFile: fixture.published + "/requests-tenant-a/v1/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"robust_z\""))
        let anomalies = try registry.index(of: "anomalies-tenant-a").versions[0].metadata
        #expect(anomalies.featureSpec == nil)
    }

    @Test("a detector without a target is gated on its alert episodes per tenant and day")
    func unlabelledDetector() throws {
        let fixture = try JobFixture(models: """
              - name: quiet
                per_tenant: true
                algorithm: isolation-forest
                hyperparameters: {trees: 50, contamination: 0.02}
                gates: {max_false_alerts_per_day: 0.5}
            """)
        defer { fixture.remove() }
        let result = try fixture.job(tenant: "tenant-c").run()
        let run = try #require(result.summary.runs.first)
        #expect(Set(run.metrics.keys) == ["alert_episodes_per_group_day"], "\(run.metrics)")
        let episodes = try #require(run.metrics["alert_episodes_per_group_day"])
        #expect(run.outcome == (episodes <= 0.5 ? .promoted : .gateFailed))
        if run.outcome == .gateFailed { #expect(run.reason?.hasPrefix("alert_episodes_per_group_day ") == true, "\(run)") }
        let metadata = try ModelRegistry(root: URL(fileURLWithPath: fixture.registry)).index(of: "quiet-tenant-c").versions[0].metadata
        #expect(!metadata.features.contains("label"), "a detector without a target never learns from the labels")
    }

    @Test("a dry run lists the plan and writes nothing")
    func dryRun() throws {
        let fixture = try JobFixture()
        defer { fixture.remove() }
        let result = try fixture.job(dryRun: true).run()
        #expect(result.summary.runs.map(\.outcome) == Array(repeating: .planned, count: 6))
        #expect(result.summary.runs.map(\.model).first == "anomalies-tenant-a")
        #expect(!FileManager.default.fileExists(atPath: fixture.registry))
        #expect(!FileManager.default.fileExists(atPath: fixture.reports))
    }

    @Test("a second run while the lock is held fails at once naming the holder")
    func busy() throws {
        let fixture = try JobFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(atPath: fixture.registry, withIntermediateDirectories: true)
        let held = try RunLock(path: fixture.registry + "/.retrain.lock")
        defer { withExtendedLifetime(held) {} }
        #expect {
            _ = try fixture.job().run()
        } throws: { error in
            guard case RetrainError.busy(let holder) = error else { return false }
            return holder.contains("pid \(getpid())")
        }
    }

    @Test("a spec with errors fails before any work, naming each key path")
    func invalidSpec() throws {
        let fixture = try JobFixture(models: """
              - name: anomalies
                algorithm: isolation-forest
                hyperparameters: {trees: many, max_features: often}
                gates: {min: {roc_acu: 0.5}}
            """)
        defer { fixture.remove() }
        #expect {
            _ = try fixture.job().run()
        } throws: { error in
            guard case RetrainError.invalidSpec(_, let problems) = error else { return false }
            let paths = problems.map(\.path)
            return paths.contains("models[0].hyperparameters.trees") && paths.contains("models[0].hyperparameters.max_features")
                && paths.contains("models[0].gates.min.roc_acu")
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.registry))
    }
}

@Suite("Retrain job: a model shared by the tenants", .serialized)
struct SharedModelJobTests {
    static let models = """
          - name: requests
            per_tenant: true
            algorithm: random-forest-regressor
            target: api_gateway/requests_per_second
            hyperparameters: {trees: 10}
            gates: {min: {r2: 0.5}}
          - name: requests-all
            per_tenant: false
            algorithm: random-forest-regressor
            target: api_gateway/requests_per_second
            hyperparameters: {trees: 10}
            gates: {min: {r2: 0.5}}
        """

    @Test("the shared model trains on the rows of the spec's tenants only, measured on their hold-out")
    func sharedOnListedTenants() throws {
        let fixture = try JobFixture(models: Self.models, extra: "tenants: [tenant-a, tenant-c]")
        defer { fixture.remove() }
        let result = try fixture.job().run()
        #expect(result.summary.runs.map(\.model) == ["requests-tenant-a", "requests-tenant-c", "requests-all"])
        #expect(result.summary.runs.allSatisfy { $0.outcome == .promoted }, "\(result.summary.table())")
        let registry = ModelRegistry(root: URL(fileURLWithPath: fixture.registry))
        let shared = try registry.index(of: "requests-all").versions[0].metadata
        let perTenant = try ["tenant-a", "tenant-c"].map { try registry.index(of: "requests-\($0)").versions[0].metadata }
        #expect(shared.lineage.tenant == nil)
        #expect(shared.lineage.rows == perTenant.map(\.lineage.rows).reduce(0, +))
        #expect(shared.metrics["holdout_r2"] != nil, "\(shared.metrics)")
    }
}
