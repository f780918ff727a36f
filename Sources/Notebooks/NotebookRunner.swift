import DurableFiles
import Foundation

/// Runs a Markdown notebook's `workbench` blocks and writes their outputs under them.
///
/// Goals, in order: a failure leaves the notebook and its files as they were → two runs give
/// byte-identical files → text outside the output markers is never touched.
/// Each command runs as a child process of `executable` (the running `workbench`), from `root`, with
/// `TZ=UTC`, `LC_ALL=C` and two directories:
/// - `$WORKBENCH_OUT`: scratch space, deleted after the run (data sets, models);
/// - `$WORKBENCH_FILES`: files kept next to the notebook in `NAME.files/` (reports, SVGs) and linked
///   under the block that wrote them.
/// Both are temporary during the run; their absolute paths in a command's output are replaced by
/// `$WORKBENCH_OUT` and `$WORKBENCH_FILES`, so outputs do not depend on where the run happened. Only
/// standard output is kept; standard error (progress, warnings) is shown only when a command fails.
public struct NotebookRunner: Sendable {
    /// The `workbench` executable to run (the current process's, `/proc/self/exe`, from the CLI).
    public var executable: String
    /// The directory commands run in (the repository root).
    public var root: String

    public init(executable: String, root: String) {
        self.executable = executable
        self.root = root
    }

    /// The result of a fresh run, not yet written anywhere.
    public struct Result: Sendable {
        /// The notebook as it was.
        public let original: String
        /// The notebook with fresh outputs.
        public let updated: String
        /// Differences between the stored files directory and the fresh one, one line each.
        public let fileDifferences: [String]
        /// The number of blocks run.
        public let blockCount: Int

        /// True when the stored notebook and files equal a fresh run's.
        public var isUpToDate: Bool { original == updated && fileDifferences.isEmpty }

        /// A short diff of the notebook and the list of differing files, for `--check`.
        public var differenceSummary: String {
            var parts: [String] = []
            if original != updated { parts.append(TextDiff.summary(old: original, new: updated)) }
            parts += fileDifferences
            return parts.joined(separator: "\n")
        }
    }

    /// Runs every block of the notebook at `path` and rewrites it (atomically) with their outputs, after
    /// publishing `NAME.files/` (atomically, replacing the old one). On failure nothing is written.
    /// - Throws: `NotebookError`.
    @discardableResult
    public func run(notebook path: String) throws(NotebookError) -> Result {
        try execute(notebook: path) { result, staging throws(NotebookError) in
            let filesDirectory = Self.filesDirectory(for: path)
            let produced = DirectorySnapshot(root: staging)
            do {
                if !produced.files.isEmpty {
                    try AtomicDirectory.write(to: filesDirectory, existing: .replace) { destination in
                        for (name, data) in produced.files.sorted(by: { $0.key < $1.key }) {
                            let target = URL(fileURLWithPath: destination).appendingPathComponent(name)
                            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(),
                                                                    withIntermediateDirectories: true)
                            try data.write(to: target)
                        }
                    }
                } else if FileManager.default.fileExists(atPath: filesDirectory) {
                    try FileManager.default.removeItem(atPath: filesDirectory)
                }
                if result.updated != result.original {
                    try AtomicFile.write(bytes: Array(result.updated.utf8), to: path)
                }
            } catch let error as DurableFileError {
                throw .cannotWrite(path: error.path, reason: error.reason)
            } catch {
                throw .cannotWrite(path: filesDirectory, reason: error.localizedDescription)
            }
        }
    }

    /// Runs every block and compares the result with what is stored; writes nothing.
    /// - Throws: `NotebookError`.
    public func check(notebook path: String) throws(NotebookError) -> Result {
        try execute(notebook: path) { _, _ throws(NotebookError) in }
    }

    /// The nearest folder above `notebook` holding Package.swift (the repository root), else the current
    /// folder.
    public static func repositoryRoot(for notebook: String) -> String {
        var url = URL(fileURLWithPath: notebook).standardizedFileURL.deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }

    /// `notebooks-md/NAME.md` → `notebooks-md/NAME.files`.
    public static func filesDirectory(for notebook: String) -> String {
        let url = URL(fileURLWithPath: notebook)
        return url.deletingPathExtension().path + ".files"
    }

    private func execute(notebook path: String,
                         publish: (Result, String) throws(NotebookError) -> Void) throws(NotebookError) -> Result {
        let original: String
        do {
            original = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedFailureReason ?? "\(error)")
        }
        let document = try NotebookDocument(text: original, path: path)
        let workspace = FileManager.default.temporaryDirectory
            .appendingPathComponent("workbench-notebook-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        let out = workspace.appendingPathComponent("out").path
        let files = workspace.appendingPathComponent("files").path
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: workspace.path, reason: error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(at: workspace) }

        let variables = ["WORKBENCH_OUT": out, "WORKBENCH_FILES": files]
        let filesLink = URL(fileURLWithPath: Self.filesDirectory(for: path)).lastPathComponent
        var outputs: [String] = []
        for block in document.blocks {
            let before = DirectorySnapshot(root: files)
            var text = ""
            for command in block.commands {
                let arguments = try command.arguments(variables: variables, path: path)
                let run = try ChildProcess.run(executable: executable, arguments: arguments, directory: root,
                                               environment: variables.merging(["TZ": "UTC", "LC_ALL": "C"]) { $1 },
                                               path: path, line: command.line)
                guard run.status == 0 else {
                    throw .blockFailed(path: path, blockLine: block.line, commandLine: command.line, command: command.text,
                                       status: run.status, standardError: Self.normalise(run.standardError, variables: variables))
                }
                text += Self.normalise(run.standardOutput, variables: variables)
            }
            text = try Self.mask(text, patterns: block.masks, path: path, line: block.line)
            let markers = [NotebookDocument.beginMarker, NotebookDocument.endMarker]
            if text.split(separator: "\n").contains(where: { markers.contains($0.trimmingCharacters(in: .whitespaces)) }) {
                throw .malformed(path: path, line: block.line,
                                 reason: "the block's output contains an output marker line, which would break the notebook")
            }
            let produced = before.changes(to: DirectorySnapshot(root: files))
            try Self.normaliseFiles(produced, in: files, variables: variables)
            outputs.append(BlockOutput(text: text, files: produced).markdown(filesLink: filesLink))
        }
        let result = Result(
            original: original, updated: document.splicing(outputs),
            fileDifferences: DirectorySnapshot(root: Self.filesDirectory(for: path))
                .differences(from: DirectorySnapshot(root: files), label: filesLink),
            blockCount: document.blocks.count)
        try publish(result, files)
        return result
    }

    /// Replaces the run's temporary directories by their variable names (longest first).
    static func normalise(_ text: String, variables: [String: String]) -> String {
        var text = text
        for (name, value) in variables.sorted(by: { $0.value.count > $1.value.count }) {
            text = text.replacingOccurrences(of: value, with: "$" + name)
        }
        return text
    }

    /// Replaces the run's temporary directories by their variable names inside the UTF-8 text files a block
    /// wrote under `$WORKBENCH_FILES` (a report naming its data file), so kept files do not depend on where the
    /// run happened either. Binary files are left alone.
    static func normaliseFiles(_ names: [String], in directory: String, variables: [String: String]) throws(NotebookError) {
        for name in names {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path), !data.contains(0),
                  let text = String(data: data, encoding: .utf8) else { continue }
            let normalised = normalise(text, variables: variables)
            guard normalised != text else { continue }
            do {
                try Data(normalised.utf8).write(to: url)
            } catch {
                throw .cannotWrite(path: url.path, reason: error.localizedDescription)
            }
        }
    }

    /// Replaces what each `mask=REGEX` matches with "…"; a match followed by more text on its line is
    /// padded with spaces to its width, so table columns stay aligned.
    static func mask(_ text: String, patterns: [String], path: String, line: Int) throws(NotebookError) -> String {
        var result = text
        for pattern in patterns {
            guard let expression = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else {
                throw .malformed(path: path, line: line, reason: "mask=\(pattern) is not a valid regular expression")
            }
            let matches = expression.matches(in: result, range: NSRange(result.startIndex..., in: result))
            for match in matches.reversed() {
                guard let range = Range(match.range, in: result), !range.isEmpty else { continue }
                let atLineEnd = range.upperBound == result.endIndex || result[range.upperBound] == "\n"
                let width = result[range].count
                result.replaceSubrange(range, with: atLineEnd ? "…" : "…" + String(repeating: " ", count: width - 1))
            }
        }
        return result
    }
}
