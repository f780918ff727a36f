import Foundation
import NumericCore
import Testing
import TestSupport

@Suite("workbench dataset synth")
struct SyntheticCommandTests {
    /// The words that reach the command: `dataset synth` once it sits under `dataset`, else `synth`.
    static let command: [String] = {
        let nested = try? TestSupport.workbench(["dataset", "synth", "--help"])
        let registered = nested?.status == 0 && nested?.standardOutput.contains("workbench dataset synth") == true
        return registered ? ["dataset", "synth"] : ["synth"]
    }()

    @Test("writes the long, wide and incident files named after --output and lists them")
    func writesThreeFiles() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("metrics.csv").path
        let result = try TestSupport.workbench(
            Self.command + ["--output", output, "--tenants", "2", "--days", "1", "--interval", "1h", "--seed", "9"])
        #expect(result.status == 0, "\(result.standardError)")
        let wide = directory.appendingPathComponent("metrics.wide.csv").path
        let incidents = directory.appendingPathComponent("metrics.incidents.csv").path
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("\(output): ") == true && lines.first?.hasSuffix(" samples (long format)") == true)
        #expect(lines.dropFirst().first == "\(wide): 48 buckets (wide format)")
        #expect(lines.last?.hasPrefix("\(incidents): ") == true)
        let wideText = try String(contentsOfFile: wide, encoding: .utf8)
        #expect(wideText.hasPrefix("timestamp,tenant_id,api_gateway/error_rate_percent,"))
        #expect(wideText.split(separator: "\n").count == 49)
        let longText = try String(contentsOfFile: output, encoding: .utf8)
        #expect(longText.hasPrefix("timestamp,collector_name,metric_name,metric_value,tenant_id,is_incident\n1767571200,"))
        #expect(try String(contentsOfFile: incidents, encoding: .utf8)
            .hasPrefix("tenant_id,collector_name,metric_name,start,end,kind,severity\n"))
        #expect(result.standardError.isEmpty, "no progress when stderr is not a terminal")
    }

    @Test("the same options give byte-identical files")
    func byteIdentical() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var digests: [String] = []
        for run in ["one", "two"] {
            let output = directory.appendingPathComponent("\(run).csv").path
            let result = try TestSupport.workbench(Self.command + ["--output", output, "--days", "2", "--interval", "5m"])
            #expect(result.status == 0, "\(result.standardError)")
            for suffix in [".csv", ".wide.csv", ".incidents.csv"] {
                let data = try Data(contentsOf: directory.appendingPathComponent(run + suffix))
                digests.append(Digest.sha256Hex(data))
            }
        }
        #expect(digests[0 ..< 3] == digests[3 ..< 6])
    }

    @Test("--format wide writes the wide layout to the output itself")
    func wideOnly() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("w.csv").path
        let result = try TestSupport.workbench(
            Self.command + ["--output", output, "--days", "1", "--interval", "1h", "--format", "wide", "--tenants", "1"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["w.csv", "w.incidents.csv"])
        #expect(try String(contentsOfFile: output, encoding: .utf8).hasPrefix("timestamp,tenant_id,"))
    }

    @Test("a bad interval is a usage error quoting it", arguments: [
        (["--interval", "7s"], "intervalSeconds must divide a day (86400 s), e.g. 30, 60, 300 or 3600; got 7."),
        (["--interval", "5x"], "interval must look like 30s, 1m, 5m or 1h (a positive number and a unit s, m, h or d); got '5x'."),
        (["--tenants", "0"], "tenants must be in 1...702; got 0."),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try TestSupport.workbench(Self.command + ["--output", "/tmp/unused-synth.csv"] + arguments)
        #expect(result.status == 64)
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/unused-synth.csv"))
    }

    @Test("an unwritable output ends with status 73 and names the file")
    func cannotWrite() throws {
        let output = "/nonexistent-workbench-dir/m.csv"
        let result = try TestSupport.workbench(Self.command + ["--output", output, "--days", "1", "--interval", "1h"])
        #expect(result.status == 73)
        #expect(result.standardError == "error: \(output): cannot write: No such file or directory\n")
    }
}
