import Foundation
import Testing
import TestSupport

/// The command line is an interface other tools call: every command documents itself.
@Suite("command-line help")
struct HelpTests {
    static let commands: [[String]] = [
        [], ["train"], ["predict"], ["evaluate"], ["dataset"], ["dataset", "inspect"], ["dataset", "synth"],
        ["models"], ["models", "list"], ["models", "show"], ["models", "diff"], ["models", "promote"],
        ["models", "rollback"], ["models", "history"], ["models", "verify"], ["models", "gc"], ["models", "register"],
        ["db"], ["db", "init"], ["db", "seed"], ["pull"], ["notebook"], ["notebook", "run"],
        ["features"], ["features", "show-default"], ["features", "check"],
    ]

    @Test("every command answers --help with exit 0 and a usage line", arguments: commands)
    func help(command: [String]) throws {
        let run = try TestSupport.workbench(command + ["--help"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("USAGE: workbench " + command.joined(separator: " ")))
    }

    @Test("the top-level help matches the golden file")
    func golden() throws {
        let run = try TestSupport.workbench(["--help"])
        let golden = TestSupport.repositoryRoot.appendingPathComponent("Tests/WorkbenchCLITests/Golden/workbench-help.txt")
        if ProcessInfo.processInfo.environment["WORKBENCH_UPDATE_GOLDEN"] == "1" {
            try run.standardOutput.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(run.standardOutput == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test("--version prints the version")
    func version() throws {
        let run = try TestSupport.workbench(["--version"])
        #expect(run.status == 0)
        #expect(run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }
}
