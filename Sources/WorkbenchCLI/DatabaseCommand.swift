import ArgumentParser

/// `workbench db`: create and fill the collectors' tables.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Create and fill the collectors' metrics tables in PostgreSQL.",
        subcommands: [DatabaseInitCommand.self, DatabaseSeedCommand.self]
    )
}
