import Foundation
import Testing
import TestSupport

/// `workbench features` end to end.
@Suite("workbench features")
struct FeaturesCommandTests {
    @Test("show-default prints a commented YAML spec that check accepts")
    func showDefault() throws {
        let run = try TestSupport.workbench(["features", "show-default"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("time: timestamp\ngroup: tenant_id\n"))
        #expect(run.standardOutput.contains("  - kind: robust_z\n    window: 1d\n"))
        let directory = try TestSupport.makeTemporaryDirectory("features-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("default.yaml")
        try run.standardOutput.write(to: spec, atomically: true, encoding: .utf8)
        let json = try TestSupport.workbench(["features", "show-default", "--json"])
        let check = try TestSupport.workbench(["features", "check", spec.path])
        #expect(check.status == 0, "\(check.standardError)")
        #expect(check.standardOutput == json.standardOutput)
        let data = TestSupport.datasetsDirectory.appendingPathComponent("synthetic/metrics.wide.csv").path
        let names = try TestSupport.workbench(["features", "check", spec.path, "--data", data])
        #expect(names.status == 0, "\(names.standardError)")
        #expect(names.standardOutput.contains("api_gateway/requests_per_second:robust_z_1d\n"))
        #expect(!names.standardOutput.contains("label"))
    }

    @Test("check exits 78 and names every problem of a bad spec by key path")
    func badSpec() throws {
        let directory = try TestSupport.makeTemporaryDirectory("features-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("bad.yaml")
        try "time: timestamp\ntransforms:\n  - kind: raw\n  - kind: lag\n  - kind: rolling\n    stats: [mean]\n    window: 1x\n"
            .write(to: spec, atomically: true, encoding: .utf8)
        let run = try TestSupport.workbench(["features", "check", spec.path])
        #expect(run.status == 78)
        #expect(run.standardError == "error: \(spec.path): invalid feature spec: transforms[2].window: '1x' is not a duration like 5m, 1h, 1d.\n")
        let missing = try TestSupport.workbench(["features", "check", directory.appendingPathComponent("none.yaml").path])
        #expect(missing.status == 66)
    }
}
