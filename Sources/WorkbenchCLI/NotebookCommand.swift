import ArgumentParser
import Foundation
import Notebooks

/// `workbench notebook`: Markdown notebooks whose `workbench` blocks run and record their output.
struct NotebookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Run Markdown notebooks and check that their recorded outputs are current.",
        subcommands: [NotebookRunCommand.self]
    )
}

/// `workbench notebook run FILE [--check]`.
struct NotebookRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a notebook's workbench blocks and write their outputs under them.",
        discussion: """
            Runs every ```workbench fenced block in order with this workbench executable, from the \
            repository root (the nearest folder above FILE holding Package.swift, or --root), and writes \
            each block's standard output (and links to the files it wrote under $WORKBENCH_FILES) between \
            <!-- workbench:output --> and <!-- /workbench:output --> under the block. $WORKBENCH_OUT is \
            scratch space deleted after the run; $WORKBENCH_FILES becomes NAME.files/ next to the notebook. \
            Text outside the markers is never changed; a failing command leaves every file as it was and \
            the run exits with that command's status. With --check nothing is written: exit 1 and a short \
            diff when the stored outputs differ from a fresh run. Outputs must not vary between runs; \
            mask=REGEX after ```workbench replaces what a command cannot help printing (a wall time) with …. \
            Commands run without a shell: only $WORKBENCH_OUT and $WORKBENCH_FILES expand.
            """
    )

    @Argument(help: ArgumentHelp("The notebook (Markdown).", valueName: "file"))
    var file: String

    @Flag(help: "Compare the stored outputs with a fresh run instead of writing; exit 1 when they differ.")
    var check = false

    @Option(help: ArgumentHelp("The folder commands run in (default: the nearest folder above the notebook holding Package.swift).",
                               valueName: "dir"))
    var root: String?

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let runner = NotebookRunner(executable: Self.currentExecutable(), root: root ?? NotebookRunner.repositoryRoot(for: file))
        do {
            if check {
                let result = try runner.check(notebook: file)
                guard result.isUpToDate else {
                    print("\(file): stored outputs differ from a fresh run")
                    print(result.differenceSummary)
                    throw ExitCode(1)
                }
                print("\(file): \(result.blockCount) blocks, outputs up to date")
            } else {
                let result = try runner.run(notebook: file)
                print("\(file): \(result.blockCount) blocks run, " + (result.original == result.updated ? "unchanged" : "updated"))
            }
        } catch let error as NotebookError {
            throw Log.failure("\(error)", status: Self.exitStatus(error))
        }
    }

    /// The failing command's own status passes through (CI sees 66 for a missing input); the runner's own
    /// failures map to sysexits.
    static func exitStatus(_ error: NotebookError) -> Int32 {
        switch error {
        case .unreadable: ExitStatus.inputMissing.rawValue
        case .malformed: ExitStatus.badData.rawValue
        case .blockFailed(_, _, _, _, let status, _): status > 0 && status < 256 ? status : ExitStatus.internalError.rawValue
        case .cannotStart: ExitStatus.internalError.rawValue
        case .cannotWrite: ExitStatus.cannotWrite.rawValue
        }
    }

    /// The running executable (`/proc/self/exe` resolved, so children run the same build).
    static func currentExecutable() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
