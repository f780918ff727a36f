import DatabaseTestSupport
import Foundation
import ModelStore
import Retrain
import Testing
import TestSupport

extension DatabaseTests {
    /// The nightly job against the real PostgreSQL that `scripts/with-postgres` starts, seeded with `db seed`.
    @Suite("workbench retrain against PostgreSQL")
    struct RetrainDatabase {
        @Test("db init, db seed, then the job: every tenant pulled, trained, promoted and published; the re-run keeps all; the DSN never printed")
        func endToEnd() throws {
            let backend = Backend.postgres
            let dsn = try TestDatabase.dsn(backend)
            let environment = ["WORKBENCH_DSN": dsn]
            let schema = "t_retrain_\(UUID().uuidString.prefix(8).lowercased())"
            let initialised = try TestSupport.workbench(["db", "init", "--schema", schema], environment: environment)
            #expect(initialised.status == 0, "\(initialised.standardError)")
            let seeded = try TestSupport.workbench(
                ["db", "seed", "--schema", schema, "--tenants", "3", "--days", "7", "--interval", "10m"], environment: environment)
            #expect(seeded.status == 0, "\(seeded.standardError)")

            let folder = try TestSupport.makeTemporaryDirectory("retrain-pg")
            defer { try? FileManager.default.removeItem(at: folder) }
            let spec = folder.appendingPathComponent("job.yaml").path
            let example = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("examples/nightly-postgres.yaml"),
                                     encoding: .utf8)
                .replacingOccurrences(of: "    # schema: public", with: "    schema: \(schema)")
                .replacingOccurrences(of: "out/nightly-postgres", with: folder.path)
            try Data(example.utf8).write(to: URL(fileURLWithPath: spec))

            let first = try TestSupport.workbench(["retrain", "--spec", spec, "--json", "--log-format", "json"], environment: environment)
            #expect(first.status == 0, "\(first.standardOutput) \(first.standardError)")
            let runs = try Self.runs(first)
            #expect(runs.count == 6)
            #expect(Set(runs.compactMap { $0["tenant"] as? String }) == ["tenant-a", "tenant-b", "tenant-c"])
            #expect(runs.allSatisfy { $0["outcome"] as? String == "promoted" }, "\(first.standardOutput)")
            #expect(first.standardError.split(separator: "\n").allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") },
                    "every log line is one JSON object: \(first.standardError)")
            #expect(!first.standardError.contains(dsn) && !first.standardOutput.contains(dsn))
            let password = try TestDatabase.password()
            #expect(!first.standardError.contains(password))

            let registry = ModelRegistry(root: folder.appendingPathComponent("models"))
            let lineage = try registry.index(of: "anomalies-tenant-b").versions[0].metadata.lineage
            #expect(lineage.tenant == "tenant-b")
            #expect(lineage.source.contains("PostgreSQL"))
            #expect(try registry.verify().isEmpty)

            let second = try TestSupport.workbench(["retrain", "--spec", spec, "--json"], environment: environment)
            #expect(second.status == 0, "\(second.standardError)")
            #expect(try Self.runs(second).allSatisfy { $0["outcome"] as? String == "kept" }, "\(second.standardOutput)")

            // Another machine's run (same registry path, same database) holds the advisory lock: exit 75 at once.
            do {
                let held = try DatabaseRunLock(settings: TestDatabase.settings(backend), registry: folder.path + "/models")
                defer { withExtendedLifetime(held) {} }
                let busy = try TestSupport.workbench(["retrain", "--spec", spec], environment: environment)
                #expect(busy.status == 75, "\(busy.standardError)")
                #expect(busy.standardError.contains("PostgreSQL advisory lock held by backend pid"), "\(busy.standardError)")
            }

            let unset = try TestSupport.workbench(["retrain", "--spec", spec], environment: ["WORKBENCH_DSN": ""])
            #expect(unset.status == 78)
            #expect(unset.standardError.contains("WORKBENCH_DSN is unset or empty"))
        }

        @Test("a model shared by the tenants trains on every tenant's pull, stacked: as many rows as the per-tenant models together")
        func sharedModel() throws {
            let backend = Backend.timescale
            let dsn = try TestDatabase.dsn(backend)
            let environment = ["WORKBENCH_DSN": dsn]
            let schema = "t_retrain_shared_\(UUID().uuidString.prefix(8).lowercased())"
            let initialised = try TestSupport.workbench(["db", "init", "--schema", schema], environment: environment)
            #expect(initialised.status == 0, "\(initialised.standardError)")
            let seeded = try TestSupport.workbench(
                ["db", "seed", "--schema", schema, "--tenants", "3", "--days", "7", "--interval", "10m"], environment: environment)
            #expect(seeded.status == 0, "\(seeded.standardError)")

            let folder = try TestSupport.makeTemporaryDirectory("retrain-pg-shared")
            defer { try? FileManager.default.removeItem(at: folder) }
            let spec = folder.appendingPathComponent("job.yaml").path
            let yaml = """
                source:
                  postgres: {dsn_env: WORKBENCH_DSN, window: 7d, until: "2026-01-12T00:00:00Z", bucket: 10m, aggregates: [avg], schema: \(schema)}
                registry: \(folder.path)/models
                time: timestamp
                group: tenant_id
                tenants: [tenant-a, tenant-c]
                holdout: 2d
                seed: 7
                models:
                  - name: requests
                    per_tenant: true
                    algorithm: random-forest-regressor
                    target: api_gateway/requests_per_second:avg
                    hyperparameters: {trees: 10}
                  - name: requests-all
                    per_tenant: false
                    algorithm: random-forest-regressor
                    target: api_gateway/requests_per_second:avg
                    features: default
                    hyperparameters: {trees: 10}
                """
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: spec))

            let first = try TestSupport.workbench(["retrain", "--spec", spec, "--json"], environment: environment)
            #expect(first.status == 0, "\(first.standardOutput) \(first.standardError)")
            let runs = try Self.runs(first)
            #expect(runs.map { $0["model"] as? String } == ["requests-tenant-a", "requests-tenant-c", "requests-all"])
            #expect(runs.allSatisfy { $0["outcome"] as? String == "promoted" }, "\(first.standardOutput)")

            let registry = ModelRegistry(root: folder.appendingPathComponent("models"))
            let shared = try registry.index(of: "requests-all").versions[0].metadata
            let perTenant = try ["tenant-a", "tenant-c"].map { try registry.index(of: "requests-\($0)").versions[0].metadata }
            #expect(shared.lineage.tenant == nil)
            #expect(shared.lineage.source.contains("PostgreSQL"))
            #expect(shared.lineage.rows == perTenant.map(\.lineage.rows).reduce(0, +))
            #expect(shared.lineage.rows > 0)
            #expect(shared.metrics["holdout_r2"] != nil, "\(shared.metrics)")

            let second = try TestSupport.workbench(["retrain", "--spec", spec, "--json"], environment: environment)
            #expect(second.status == 0, "\(second.standardError)")
            #expect(try Self.runs(second).allSatisfy { $0["outcome"] as? String == "kept" }, "\(second.standardOutput)")
        }

        @Test("a source that retains pulls stacks them without pulling again; one that does not pulls again")
        func retainedPulls() throws {
            let backend = Backend.postgres
            let dsn = try TestDatabase.dsn(backend)
            let environment = ["WORKBENCH_DSN": dsn]
            let schema = "t_retrain_pulls_\(UUID().uuidString.prefix(8).lowercased())"
            #expect(try TestSupport.workbench(["db", "init", "--schema", schema], environment: environment).status == 0)
            #expect(try TestSupport.workbench(["db", "seed", "--schema", schema, "--tenants", "2", "--days", "2",
                                               "--interval", "10m"], environment: environment).status == 0)
            let spec = try RetrainSpec.parse(yaml: """
                source:
                  postgres: {dsn_env: WORKBENCH_DSN, window: 2d, until: "2026-01-07T00:00:00Z", bucket: 10m, schema: \(schema)}
                time: timestamp
                group: tenant_id
                holdout: 12h
                models:
                  - {name: load, algorithm: isolation-forest}
                """, file: "job.yaml")
            let retaining = RetrainSource(spec: spec, environment: environment, now: 0)
            retaining.retainsPulls = true
            let forgetting = RetrainSource(spec: spec, environment: environment, now: 0)
            var counts: [Int] = []
            for source in [retaining, forgetting] {
                for tenant in ["tenant-a", "tenant-b"] { counts.append(try source.rows(tenants: [tenant]).dataset.rowCount) }
            }
            #expect(counts == [288, 288, 288, 288])
            _ = try TestDatabase.connect(backend).query("drop", "DROP SCHEMA \(schema) CASCADE")

            let stacked = try retaining.rows(tenants: ["tenant-a", "tenant-b"])
            #expect(stacked.dataset.rowCount == 576)
            #expect(stacked.tenants == ["tenant-a", "tenant-b"])
            #expect(throws: (any Error).self) { try forgetting.rows(tenants: ["tenant-a", "tenant-b"]) }
        }

        static func runs(_ output: TestSupport.ProcessOutput) throws -> [[String: Any]] {
            let object = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any]
            return object?["runs"] as? [[String: Any]] ?? []
        }
    }
}
