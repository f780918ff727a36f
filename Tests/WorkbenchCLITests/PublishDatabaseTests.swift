import Foundation
import Testing
import TestSupport

/// `workbench publish --to-dsn-env` against the throwaway PostgreSQL of `scripts/with-postgres`
/// (fails, never skips, without it), read back with `psql`, with a `LISTEN`ing psql receiving the NOTIFY.
@Suite("publish to PostgreSQL")
struct PublishDatabaseTests {
    private struct Missing: Error, CustomStringConvertible {
        let variable: String
        var description: String { "\(variable) is not set: run through scripts/with-postgres." }
    }

    private func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { throw Missing(variable: name) }
        return value
    }

    /// Runs `psql` with `sql` on the test database and returns its unaligned output. `sql` is read from a file
    /// (psql interpolates `:'name'` variables there, not in `-c`).
    private func psql(_ sql: String, variables: [String: String] = [:]) throws -> String {
        let bin = try environment("WORKBENCH_TEST_PGBIN")
        let script = try TestSupport.makeTemporaryDirectory("psql").appendingPathComponent("query.sql")
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        try (sql + ";\n").write(to: script, atomically: true, encoding: .utf8)
        let arguments = [try environment("WORKBENCH_TEST_DSN"), "-X", "-At", "-v", "ON_ERROR_STOP=1"]
            + variables.flatMap { ["-v", "\($0.key)=\($0.value)"] } + ["-f", script.path]
        let run = try TestSupport.run(URL(fileURLWithPath: bin + "/psql"), arguments)
        #expect(run.status == 0, "\(run.standardError)")
        return run.standardOutput
    }

    @Test("db init creates the tables; publish writes files, levels, pointer and history in one transaction and notifies; status and rollback")
    func publishToDatabase() throws {
        let dsn = try environment("WORKBENCH_TEST_DSN")
        let password = dsn.components(separatedBy: "://")[1].components(separatedBy: "@")[0]
            .components(separatedBy: ":").last ?? ""
        let directory = try TestSupport.makeTemporaryDirectory("publish-db")
        defer { try? FileManager.default.removeItem(at: directory) }
        let registry = directory.appendingPathComponent("models").path
        let data = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path
        for seed in ["1", "2"] {
            let train = try TestSupport.workbench([
                "train", "--data", data, "--target", "label", "--algorithm", "isolation-forest", "--trees", "15",
                "--seed", seed, "--register", "bw", "--registry", registry,
            ])
            #expect(train.status == 0, "\(train.standardError)")
        }
        let schema = "t_publish_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
        let dsnEnvironment = ["WORKBENCH_DSN": dsn]
        for _ in 0 ..< 2 {  // idempotent
            let initialise = try TestSupport.workbench(["db", "init", "--schema", schema, "--timescaledb", "off"],
                                                       environment: dsnEnvironment)
            #expect(initialise.status == 0, "\(initialise.standardError)")
        }

        // A listening connection: psql reports notifications after each command it runs.
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: try environment("WORKBENCH_TEST_PGBIN") + "/psql")
        listener.arguments = [dsn, "-X", "-At"]
        let input = Pipe(), output = Pipe()
        listener.standardInput = input
        listener.standardOutput = output
        listener.standardError = output
        try listener.run()
        input.fileHandleForWriting.write(Data("LISTEN workbench_models;\n\\echo listening\n".utf8))
        var heard = ""
        let deadline = Date().addingTimeInterval(20)
        while !heard.contains("listening"), Date() < deadline {
            heard += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(heard.contains("listening"))

        let common = ["--to-dsn-env", "PUBLISH_DSN", "--schema", schema]
        let publishEnvironment = ["PUBLISH_DSN": dsn]
        let first = try TestSupport.workbench(["publish", "bw@v1", "--registry", registry] + common,
                                              environment: publishEnvironment)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.hasPrefix("bw: (none) → v1 in the database"))
        let again = try TestSupport.workbench(["publish", "bw@v1", "--registry", registry] + common,
                                              environment: publishEnvironment)
        #expect(again.standardOutput == "bw@v1 is already current in the database; nothing changed.\n")

        input.fileHandleForWriting.write(Data("SELECT 1;\n\\q\n".utf8))
        listener.waitUntilExit()
        heard += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(heard.contains("Asynchronous notification \"workbench_models\" with payload \"bw 1\" received"),
                "\(heard)")
        #expect(heard.components(separatedBy: "Asynchronous notification").count == 2, "one NOTIFY, not two: \(heard)")

        // Read back: every stored file hashes to its recorded SHA-256, model.h5 is the registry's file.
        let hashes = try psql("""
            SELECT path, encode(sha256(content), 'hex') = sha256, octet_length(content) = bytes, tenant_id IS NULL
              FROM \(schema).workbench_model_artifacts WHERE model_name = 'bw' AND version = 1 ORDER BY path
            """)
        #expect(hashes == "manifest.json|t|t|t\nmodel.h5|t|t|t\nselftest.csv|t|t|t\nthresholds.json|t|t|t\n")
        let index = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: registry + "/bw/index.json"))) as! [String: Any]
        let recorded = ((index["versions"] as! [[String: Any]])[0]["file_sha256"] as! String)
        #expect(try psql("SELECT sha256 FROM \(schema).workbench_model_artifacts WHERE model_name = 'bw' AND path = 'model.h5'")
            == recorded + "\n")
        let levels = try psql("""
            SELECT string_agg(level || ':' || raises_anomaly, ',' ORDER BY value) FROM \(schema).workbench_model_thresholds
             WHERE model_name = 'bw' AND version = 1
            """)
        #expect(levels.contains("warn:true") && levels.contains("critical:false") && levels.contains("recall_0.9:false"))
        // The collectors' one query (docs/publishing.md), with the model name as a psql variable.
        let pulled = try psql("""
            SELECT c.version, c.manifest_sha256 = encode(sha256(m.content), 'hex'), count(*) OVER ()
              FROM \(schema).workbench_model_current c
              JOIN \(schema).workbench_model_artifacts a ON a.model_name = c.model_name AND a.version = c.version
              JOIN \(schema).workbench_model_artifacts m ON m.model_name = c.model_name AND m.version = c.version
                   AND m.path = 'manifest.json'
             WHERE c.model_name = :'name' LIMIT 1
            """, variables: ["name": "bw"])
        #expect(pulled == "1|t|4\n")

        let second = try TestSupport.workbench(["publish", "bw@v2", "--registry", registry, "--threshold", "critical"]
            + common, environment: publishEnvironment)
        #expect(second.status == 0, "\(second.standardError)")
        let status = try TestSupport.workbench(["publish", "status", "--json"] + common, environment: publishEnvironment)
        #expect(status.status == 0, "\(status.standardError)")
        let statuses = try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as! [[String: Any]]
        #expect(statuses.count == 1 && statuses[0]["verified"] as? Bool == true)
        #expect((statuses[0]["current"] as! [String: Any])["version"] as? Int == 2)
        #expect((statuses[0]["anomaly_rule"] as? String)?.hasPrefix("critical (anomaly_score >= ") == true)
        let rollback = try TestSupport.workbench(["publish", "rollback", "bw"] + common, environment: publishEnvironment)
        #expect(rollback.standardOutput == "bw: v2 → v1 (rolled back)\n", "\(rollback.standardError)")
        #expect(try psql("SELECT version, previous_version FROM \(schema).workbench_model_current") == "1|2\n")
        #expect(try psql("SELECT string_agg(action || ':' || to_version, ',' ORDER BY at) FROM \(schema).workbench_model_history")
            == "publish:1,publish:2,rollback:1\n")

        // A damaged stored file is reported, never silently served.
        _ = try psql("UPDATE \(schema).workbench_model_artifacts SET content = content || '\\x00'::bytea, bytes = bytes + 1 "
            + "WHERE model_name = 'bw' AND version = 1 AND path = 'selftest.csv'")
        let damaged = try TestSupport.workbench(["publish", "status", "bw"] + common, environment: publishEnvironment)
        #expect(damaged.status == 65)
        #expect(damaged.standardOutput.contains("NOT VERIFIED: database:bw@v1/selftest.csv"))

        let missing = try TestSupport.workbench(["publish", "status", "--to-dsn-env", "PUBLISH_DSN", "--schema", "nope"],
                                                environment: publishEnvironment)
        #expect(missing.status == 78, "\(missing.standardError)")
        for run in [first, again, second, status, rollback, damaged, missing] {
            #expect(!run.standardOutput.contains(password) && !run.standardError.contains(password))
        }
        _ = try psql("DROP SCHEMA \(schema) CASCADE")
    }
}
