import Foundation
@testable import Notebooks
import Testing

@Suite("notebook document")
struct NotebookDocumentTests {
    static let text = """
        # Title

        ```workbench
        workbench dataset inspect datasets/odds/breastw.csv
        ```

        ````markdown
        ```workbench
        workbench never runs
        ```
        ````

        ```workbench
        # a comment
        workbench dataset synth --output "$WORKBENCH_OUT/a b.csv" \\
            --days 1
        ```
        <!-- workbench:output -->
        old output
        <!-- /workbench:output -->
        after
        """

    @Test("finds workbench blocks with their lines, skips other fences and stored outputs")
    func blocks() throws {
        let document = try NotebookDocument(text: Self.text, path: "n.md")
        #expect(document.blocks.map(\.line) == [3, 13])
        #expect(document.blocks[0].commands.map(\.line) == [4])
        #expect(document.blocks[1].commands.map(\.line) == [15])
        let arguments = try document.blocks[1].commands[0].arguments(variables: ["WORKBENCH_OUT": "/o", "WORKBENCH_FILES": "/f"],
                                                                     path: "n.md")
        #expect(arguments == ["dataset", "synth", "--output", "/o/a b.csv", "--days", "1"])
    }

    @Test("splicing replaces only the output regions and keeps everything else byte for byte")
    func splicing() throws {
        let document = try NotebookDocument(text: Self.text, path: "n.md")
        let spliced = document.splicing(["one", "two\nlines"])
        let expected = Self.text
            .replacingOccurrences(of: "breastw.csv\n```\n", with: "breastw.csv\n```\n<!-- workbench:output -->\none\n<!-- /workbench:output -->\n")
            .replacingOccurrences(of: "old output", with: "two\nlines")
        #expect(spliced == expected)
        let again = try NotebookDocument(text: spliced, path: "n.md")
        #expect(again.splicing(["one", "two\nlines"]) == spliced)
    }

    @Test("CRLF line endings and a missing final newline survive splicing")
    func lineEndings() throws {
        let text = "intro\r\n```workbench\r\nworkbench --version\r\n```"
        let document = try NotebookDocument(text: text, path: "n.md")
        let spliced = document.splicing(["1.0.0"])
        #expect(spliced == "intro\r\n```workbench\r\nworkbench --version\r\n```\r\n<!-- workbench:output -->\r\n1.0.0\r\n<!-- /workbench:output -->\r\n")
        #expect(try NotebookDocument(text: spliced, path: "n.md").splicing(["1.0.0"]) == spliced)
    }

    @Test("format errors name the line", arguments: [
        ("a\n```workbench\nworkbench x\n", 2, "never closed"),
        ("```workbench\nworkbench x\n```\n<!-- workbench:output -->\nx\n", 4, "has no <!-- /workbench:output --> line"),
        ("text\n<!-- /workbench:output -->\n", 2, "without its begin marker"),
        ("```workbench\nls -la\n```\n", 2, "starts with 'ls'"),
        ("```workbench\nworkbench $HOME\n```\n", 2, "unknown variable '$HOME'"),
        ("```workbench\nworkbench 'open\n```\n", 2, "single quote is not closed"),
        ("```workbench\nworkbench a \\\n```\n", 2, "ends with '\\'"),
    ])
    func errors(text: String, line: Int, message: String) {
        #expect {
            _ = try NotebookDocument(text: text, path: "n.md")
        } throws: { error in
            guard case .malformed(let path, let errorLine, let reason) = error as? NotebookError else { return false }
            return path == "n.md" && errorLine == line && reason.contains(message)
        }
    }

    @Test("output text gets a fence longer than any backtick run in it, and files become links")
    func blockOutput() {
        let output = BlockOutput(text: "a\n```\nb\n", files: ["report/roc.svg", "report/report.md"])
        #expect(output.markdown(filesLink: "nb.files") == """
            ````text
            a
            ```
            b
            ````

            ![report/roc.svg](nb.files/report/roc.svg)

            [report/report.md](nb.files/report/report.md)
            """)
        #expect(BlockOutput(text: "", files: []).markdown(filesLink: "x") == "*(no output)*")
    }

    @Test("run directories are replaced by their variable names and masks hide varying text")
    func normalising() throws {
        let text = NotebookRunner.normalise("wrote /tmp/w-1/out/a.csv and /tmp/w-1/files/r",
                                            variables: ["WORKBENCH_OUT": "/tmp/w-1/out", "WORKBENCH_FILES": "/tmp/w-1/files"])
        #expect(text == "wrote $WORKBENCH_OUT/a.csv and $WORKBENCH_FILES/r")
        let masked = try NotebookRunner.mask("metric 1\nwall time   0.75 s\n", patterns: ["(?<=^wall time   ).*$"], path: "n", line: 1)
        #expect(masked == "metric 1\nwall time   …\n")
        let table = try NotebookRunner.mask("NAME  CREATED               ALIASES\nm     2026-12-06T02:49:33Z  production=v1\n",
                                            patterns: ["\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"], path: "n", line: 1)
        #expect(table == "NAME  CREATED               ALIASES\nm     …                     production=v1\n")
    }

    @Test("the repository root is the nearest folder above the notebook holding Package.swift")
    func repositoryRoot() {
        let notebook = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("x.md").path
        let root = NotebookRunner.repositoryRoot(for: notebook)
        #expect(FileManager.default.fileExists(atPath: root + "/Package.swift"))
        #expect(notebook.hasPrefix(root + "/Tests/"))
    }

    @Test("the check diff shows the first differing lines")
    func diff() {
        let summary = TextDiff.summary(old: "a\nb\nc\n", new: "a\nB\nc\n")
        #expect(summary == "@@ line 2 @@\n-b\n+B")
    }
}
