import ArgumentParser
import DurableFiles
import Foundation
import Logging
import NumericCore
import Pipeline

/// The `workbench` command: train, evaluate, store and publish models for operations metrics.
@main
struct Workbench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Train, evaluate, store and publish models for operations metrics.",
        discussion: """
            Exit codes (sysexits): 0 ok, 64 usage, 65 bad data, 66 input missing, 70 internal, \
            73 cannot write output, 75 temporary failure, 78 bad configuration; 130 / 143 interrupted by \
            SIGINT / SIGTERM (unfinished output files removed). See docs/reliability.md.
            """,
        version: WorkbenchVersion.current,
        subcommands: [
            DatasetCommand.self, TrainCommand.self, PredictCommand.self, EvaluateCommand.self, ModelsCommand.self,
            DatabaseCommand.self, PullCommand.self, PublishCommand.self, NotebookCommand.self, FeaturesCommand.self,
            RetrainCommand.self,
        ]
    )

    /// argument-parser's entry point with two changes: negative numbers after options are
    /// attached to them (`CommandLineArguments`), and errors are reported by `reportAndExit(_:)`.
    /// Logging starts before parsing (`Log.begin`) so that even a usage error is logged in the format asked for.
    static func main() async {
        BLAS.stopIdleThreads()  // most commands never call BLAS; its spinning pool cost ~0.1 s of CPU a run
        ProcessMemory.keepFreedMemory()  // large arrays freed and rebuilt cost a page fault per page each time
        TerminationCleanup.install()
        let arguments = CommandLineArguments.attachingNegativeNumbers(Array(CommandLine.arguments.dropFirst()))
        Log.begin(command: commandPath(arguments),
                  format: LogFormat.requested(by: arguments, environment: ProcessInfo.processInfo.environment))
        LoggingSystem.bootstrap { WorkbenchLogHandler(label: $0) }
        TerminationCleanup.onExit { message, status in
            if Log.format == .json {
                _ = Log.failure(message, status: status)
            } else {
                writeStandardError("workbench: \(message)\n")
            }
        }
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            reportAndExit(error)
        }
        Log.finish(status: 0)
    }

    /// The subcommand names at the start of `arguments` (`models list`), or `workbench` when there are none:
    /// the `command` field of JSON log lines.
    static func commandPath(_ arguments: [String]) -> String {
        var names: [String] = []
        var current: any ParsableCommand.Type = Workbench.self
        for argument in arguments {
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == argument }) else { break }
            names.append(argument)
            current = next
        }
        return names.isEmpty ? "workbench" : names.joined(separator: " ")
    }

    /// Prints help and version text on stdout; prints an error as one escaped line on stderr, and
    /// argument-parser's usage lines after it only when stderr is a terminal in text mode (a log gets one
    /// line; in JSON mode one JSON object with `exit_code`). Exits with argument-parser's code (64 for usage errors).
    static func reportAndExit(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        let full = fullMessage(for: error)
        if code == .success {
            if !full.isEmpty { print(full) } else { Log.finish(status: 0) }
        } else if full.isEmpty {
            Log.finish(status: code.rawValue)
        } else if Log.format == .json {
            let message = message(for: error)
            _ = Log.failure(message.isEmpty ? String(full.prefix { $0 != "\n" }) : message, status: code.rawValue)
        } else {
            let message = message(for: error)
            if standardErrorIsTerminal, !message.isEmpty, full.contains(message) {
                let safe = Log.redacted(full.replacing(message, with: ConsoleText.oneLine(message)))
                writeStandardError(safe.hasSuffix("\n") ? safe : safe + "\n")
            } else if !message.isEmpty {
                printError("Error: " + message)
            } else {
                printError(String(full.prefix { $0 != "\n" }))
            }
        }
        terminate(code.rawValue)
    }
}
