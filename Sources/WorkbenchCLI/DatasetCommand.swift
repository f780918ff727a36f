import ArgumentParser

/// `workbench dataset`: inspect and generate data sets.
struct DatasetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Inspect and generate data sets (CSV, HDF5).",
        subcommands: [DatasetInspectCommand.self, DatasetSynthCommand.self, DatasetSplitCommand.self]
    )
}
