import ArgumentParser
import Foundation
import ModelStore

/// `workbench models register FILE --name NAME`: adds an existing model file as a new version.
struct ModelsRegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register a model file (e.g. from 'train --output') as the next version of NAME; prints NAME@vN.",
        discussion: "The file is verified and rewritten into the registry with the registry's name, version and parent.")

    @OptionGroup var options: RegistryOptions

    @Argument(help: "The model file (.h5) to register.")
    var file: String

    @Option(help: ArgumentHelp("The model name ([a-z0-9][a-z0-9._-]*, at most 100 characters).", valueName: "name"))
    var name: String

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        do {
            try ModelReference.validateName(name)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        try await reportingErrors {
            let registry = options.makeRegistry()
            let entry = try registry.register(fileAt: URL(fileURLWithPath: file), name: name)
            print("\(name)@v\(entry.version)")
        }
    }
}
