import Foundation
import Notebooks
import Testing
import TestSupport

/// End to end with the built `workbench` executable and cheap commands on the bundled data.
@Suite("notebook runner")
struct NotebookRunnerTests {
    static let notebook = """
        # A small notebook

        Text before, kept as written.

        ```workbench
        workbench dataset inspect datasets/odds/breastw.csv
        ```

        Between the blocks.

        ```workbench
        workbench dataset synth --output $WORKBENCH_FILES/metrics.csv --tenants 1 --days 1 --interval 15m --seed 3
        ```

        The end.

        """

    static func makeNotebook(_ text: String = notebook) throws -> (directory: URL, path: String) {
        let directory = try TestSupport.makeTemporaryDirectory("notebook")
        let path = directory.appendingPathComponent("small.md").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (directory, path)
    }

    static var runner: NotebookRunner {
        NotebookRunner(executable: TestSupport.workbenchExecutable.path, root: TestSupport.repositoryRoot.path)
    }

    @Test("a run writes outputs between markers, keeps the text around them and links written files")
    func writesOutputs() throws {
        let (directory, path) = try Self.makeNotebook()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.runner.run(notebook: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# A small notebook\n\nText before, kept as written.\n\n```workbench\n"))
        #expect(text.contains("```\n<!-- workbench:output -->\n```text\nfile: datasets/odds/breastw.csv\nrows: 683\n"))
        #expect(text.contains("$WORKBENCH_FILES/metrics.csv: "))
        #expect(text.contains("[metrics.csv](small.files/metrics.csv)"))
        #expect(text.hasSuffix("<!-- /workbench:output -->\n\nThe end.\n"))
        #expect(!text.contains(NSTemporaryDirectory()))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("small.files/metrics.csv").path))
        let stripped = text.replacingOccurrences(of: "<!-- workbench:output -->[\\s\\S]*?<!-- /workbench:output -->\n",
                                                 with: "", options: .regularExpression)
        #expect(stripped == Self.notebook)
    }

    @Test("running twice leaves the notebook and its files byte-identical, and --check then passes")
    func idempotent() throws {
        let (directory, path) = try Self.makeNotebook()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.runner.run(notebook: path)
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        let firstFiles = try Data(contentsOf: directory.appendingPathComponent("small.files/metrics.wide.csv"))
        let second = try Self.runner.run(notebook: path)
        #expect(second.original == second.updated)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first)
        #expect(try Data(contentsOf: directory.appendingPathComponent("small.files/metrics.wide.csv")) == firstFiles)
        #expect(try Self.runner.check(notebook: path).isUpToDate)
    }

    @Test("--check detects an edited output and a changed file, and writes nothing")
    func checkDetectsDrift() throws {
        let (directory, path) = try Self.makeNotebook()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.runner.run(notebook: path)
        let drifted = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "rows: 683", with: "rows: 684")
        try drifted.write(toFile: path, atomically: true, encoding: .utf8)
        try "changed".write(to: directory.appendingPathComponent("small.files/metrics.csv"), atomically: true, encoding: .utf8)
        let result = try Self.runner.check(notebook: path)
        #expect(!result.isUpToDate)
        #expect(result.differenceSummary.contains("-rows: 684\n+rows: 683"))
        #expect(result.differenceSummary.contains("small.files/metrics.csv: differs"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == drifted)
    }

    @Test("a failing block stops the run with its line and exit code and leaves every file unchanged")
    func failingBlock() throws {
        let text = Self.notebook.replacingOccurrences(of: "The end.", with: """
            ```workbench
            workbench dataset inspect datasets/odds/does-not-exist.csv
            ```

            The end.
            """)
        let (directory, path) = try Self.makeNotebook(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            try Self.runner.run(notebook: path)
        } throws: { error in
            guard case .blockFailed(_, let blockLine, let commandLine, _, let status, let standardError) = error as? NotebookError else {
                return false
            }
            return blockLine == 15 && commandLine == 16 && status == 66 && standardError.contains("does-not-exist.csv")
                && "\(error)".contains("small.md:16: the block at line 15 failed")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("small.files").path))
    }

    @Test("the CLI exits with the failing command's status, and 1 when --check finds drift")
    func commandLine() throws {
        let (directory, path) = try Self.makeNotebook()
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = TestSupport.repositoryRoot.path
        let run = try TestSupport.workbench(["notebook", "run", path, "--root", root])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try TestSupport.workbench(["notebook", "run", path, "--check", "--root", root]).status == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "rows: 683", with: "rows: 1").write(toFile: path, atomically: true, encoding: .utf8)
        let check = try TestSupport.workbench(["notebook", "run", path, "--check", "--root", root])
        #expect(check.status == 1)
        #expect(check.standardOutput.contains("+rows: 683"))
        try (text + "\n```workbench\nworkbench dataset inspect nothing.csv\n```\n").write(toFile: path, atomically: true, encoding: .utf8)
        let failing = try TestSupport.workbench(["notebook", "run", path, "--root", root])
        #expect(failing.status == 66)
        #expect(failing.standardError.contains("exited with status 66"))
    }
}

/// The notebooks committed in notebooks-md/ still print what they show.
@Suite("committed notebooks")
struct CommittedNotebookTests {
    @Test("notebooks-md/anomaly-detection.md is up to date")
    func anomalyDetectionNotebook() throws {
        let path = TestSupport.repositoryRoot.appendingPathComponent("notebooks-md/anomaly-detection.md").path
        let result = try NotebookRunnerTests.runner.check(notebook: path)
        #expect(result.isUpToDate, "\(result.differenceSummary)")
    }
}
