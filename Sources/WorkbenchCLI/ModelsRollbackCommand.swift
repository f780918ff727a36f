import ArgumentParser
import ModelStore

/// `workbench models rollback NAME --alias ALIAS`: returns an alias to its previous holder.
struct ModelsRollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Move an alias back to the version it pointed at before its latest promotion.",
        discussion: "Rollbacks stack: after promoting v1, v2, v3, two rollbacks lead to v1.")

    @OptionGroup var options: RegistryOptions

    @Argument(help: "The model name.")
    var name: String

    @Option(help: ArgumentHelp("The alias to roll back.", valueName: "alias"))
    var alias: String

    @Option(help: ArgumentHelp("Why, for the audit log.", valueName: "text"))
    var reason: String = ""

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await reportingErrors {
            let move = try options.makeRegistry().rollback(name: name, alias: alias, reason: reason)
            print("\(name)@\(alias): \(move.from.map { "v\($0)" } ?? "(new)") → v\(move.to)")
        }
    }
}
