import ArgumentParser
import ModelStore

/// `workbench models gc NAME --keep N`: removes old versions no alias needs.
struct ModelsGCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove old versions of a model, never one that holds or recently held an alias.",
        discussion: """
            Kept: the N newest versions; every version an alias points at; every version named in the \
            last N moves of an alias; every version on an alias's rollback path within N steps. \
            Removed version numbers are never reused.
            """)

    @OptionGroup var options: RegistryOptions

    @Argument(help: "The model name.")
    var name: String

    @Option(help: ArgumentHelp("How many newest versions (and alias moves) to retain; ≥ 1.", valueName: "n"))
    var keep: Int

    @Flag(help: "Report what would be removed without removing it.")
    var dryRun = false

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard keep >= 1 else { throw ValidationError("--keep must be at least 1; got \(keep).") }
    }

    func run() async throws {
        try await reportingErrors {
            let report = try options.makeRegistry().gc(name: name, keep: keep, dryRun: dryRun)
            for (version, reasons) in report.kept {
                print("keep   \(name)@v\(version)  (\(reasons.joined(separator: "; ")))")
            }
            for version in report.removed {
                print("\(dryRun ? "would remove" : "removed") \(name)@v\(version)")
            }
        }
    }
}
