import Foundation
import NumericCore
import Testing
import TestSupport

@Suite("Committed synthetic sample in datasets/synthetic")
struct SyntheticSampleTests {
    static let sample = TestSupport.datasetsDirectory.appendingPathComponent("synthetic")
    static let files = ["metrics.csv", "metrics.wide.csv", "metrics.incidents.csv"]
    static let options = ["--tenants", "3", "--days", "7", "--interval", "10m", "--seed", "0"]

    @Test("the README's command regenerates the committed files byte for byte")
    func regenerates() throws {
        let readme = try String(contentsOf: Self.sample.appendingPathComponent("README.md"), encoding: .utf8)
        let documented = "workbench dataset synth --output datasets/synthetic/metrics.csv "
            + Self.options.joined(separator: " ")
        #expect(readme.contains(documented), "README must show: \(documented)")
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("metrics.csv").path
        let result = try TestSupport.workbench(SyntheticCommandTests.command + ["--output", output] + Self.options)
        #expect(result.status == 0, "\(result.standardError)")
        for file in Self.files {
            let committed = try Data(contentsOf: Self.sample.appendingPathComponent(file))
            let fresh = try Data(contentsOf: directory.appendingPathComponent(file))
            #expect(Digest.sha256Hex(committed) == Digest.sha256Hex(fresh), "\(file) differs from a fresh run")
        }
    }

    @Test("Python's csv module reads the sample and finds long, wide and incidents consistent")
    func pythonReadsSample() throws {
        let paths = Self.files.map { Self.sample.appendingPathComponent($0).path }
        let result = try TestSupport.python("synthetic_csv.py", paths)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("ok: 36074 samples, 3 tenants"))
    }
}
