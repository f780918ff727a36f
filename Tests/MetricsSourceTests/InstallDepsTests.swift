import Foundation
import Testing
import TestSupport

/// `scripts/install-deps` runs the vendored TimescaleDB installer from the shared
/// folder beside the repository, and fails loudly without it. Each test copies the
/// script into a scratch layout `ROOT/repo/scripts/install-deps` (with or without
/// `ROOT/shared/vendor/timescaledb/install.sh`) and runs it with a stub installer,
/// so nothing is built; the rest of the script only checks what scripts/test installed.
@Suite("scripts/install-deps and TimescaleDB")
struct InstallDepsTests {
    /// Runs the copied script with `WORKBENCH_TIMESCALEDB_INSTALLER` removed from the environment.
    static func runCopy(sharedInstaller: String?) throws -> (TestSupport.ProcessOutput, URL) {
        let root = try TestSupport.makeTemporaryDirectory("install-deps")
        let scripts = root.appendingPathComponent("repo/scripts")
        try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.repositoryRoot.appendingPathComponent("scripts/install-deps"),
                                         to: scripts.appendingPathComponent("install-deps"))
        if let sharedInstaller {
            let vendor = root.appendingPathComponent("shared/vendor/timescaledb")
            try FileManager.default.createDirectory(at: vendor, withIntermediateDirectories: true)
            try sharedInstaller.write(to: vendor.appendingPathComponent("install.sh"), atomically: true, encoding: .utf8)
        }
        let output = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "-u", "WORKBENCH_TIMESCALEDB_INSTALLER", "bash", scripts.appendingPathComponent("install-deps").path,
        ])
        return (output, root)
    }

    @Test("the installer at ../shared/vendor/timescaledb/install.sh runs")
    func runsSharedInstaller() throws {
        let (output, root) = try Self.runCopy(sharedInstaller: "echo ran > \"$(dirname \"$0\")/ran\"\n")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(output.status == 0, "\(output.standardError)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("shared/vendor/timescaledb/ran").path))
    }

    @Test("a missing installer stops install-deps with exit 66 and names the path")
    func missingInstaller() throws {
        let (output, root) = try Self.runCopy(sharedInstaller: nil)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(output.status == 66)
        #expect(output.standardError.contains("repo/../shared/vendor/timescaledb/install.sh does not exist"), "\(output.standardError)")
        #expect(output.standardError.contains("WORKBENCH_TIMESCALEDB_INSTALLER"))
    }

    @Test("a failing installer fails install-deps")
    func failingInstaller() throws {
        let (output, root) = try Self.runCopy(sharedInstaller: "echo 'cmake failed' >&2\nexit 3\n")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(output.status == 70)
        #expect(output.standardError.contains("cmake failed") && output.standardError.contains("install.sh failed (exit 3)"),
                "\(output.standardError)")
    }
}
