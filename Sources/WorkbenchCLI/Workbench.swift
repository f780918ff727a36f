import ArgumentParser

/// The `workbench` command: train, evaluate, store and publish models for operations metrics.
@main
struct Workbench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbench",
        abstract: "Train, evaluate, store and publish models for operations metrics.",
        discussion: """
            Exit codes (sysexits): 0 ok, 64 usage, 65 bad data, 66 input missing, 70 internal, \
            73 cannot write output, 75 temporary failure, 78 bad configuration.
            """,
        version: WorkbenchVersion.current,
        subcommands: [
            DatasetCommand.self, TrainCommand.self, PredictCommand.self, ModelsCommand.self,
            DatabaseCommand.self, PullCommand.self, FeaturesCommand.self,
        ]
    )
}
