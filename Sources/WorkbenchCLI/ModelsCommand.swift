import ArgumentParser

/// `workbench models …`: inspect and manage the versioned model registry.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List, inspect, promote, roll back, verify and prune registered models.",
        discussion: """
            A model is referred to as NAME (its latest version), NAME@vN (version N) or NAME@ALIAS \
            (e.g. NAME@production). Every version is an immutable HDF5 file in REGISTRY/NAME/vN.h5; \
            aliases and their history live in REGISTRY/NAME/index.json and audit.jsonl.
            """,
        subcommands: [
            ModelsListCommand.self, ModelsShowCommand.self, ModelsDiffCommand.self, ModelsRegisterCommand.self,
            ModelsPromoteCommand.self, ModelsRollbackCommand.self, ModelsHistoryCommand.self,
            ModelsVerifyCommand.self, ModelsGCCommand.self,
        ]
    )
}
