import ArgumentParser
import ModelStore

/// `workbench models promote NAME@vN --alias ALIAS`: points an alias at a version.
struct ModelsPromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Point an alias (e.g. production) at a version; the move is recorded in the audit log.")

    @OptionGroup var options: RegistryOptions

    @Argument(help: "The version to promote: NAME@vN, NAME@ALIAS or NAME (latest).")
    var reference: String

    @Option(help: ArgumentHelp("The alias to move, e.g. production, staging, candidate.", valueName: "alias"))
    var alias: String

    @Option(help: ArgumentHelp("Why, for the audit log.", valueName: "text"))
    var reason: String = ""

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await reportingErrors {
            let registry = options.makeRegistry()
            let reference = try ModelReference(parsing: reference)
            guard let move = try registry.promote(reference, alias: alias, reason: reason) else {
                let version = try registry.version(reference).version
                print("\(reference.name)@\(alias) already points at v\(version); nothing changed.")
                return
            }
            print("\(reference.name)@\(alias): \(move.from.map { "v\($0)" } ?? "(new)") → v\(move.to)")
        }
    }
}
