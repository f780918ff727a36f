import ArgumentParser
import ModelStore

/// `workbench models verify [NAME]`: recomputes every checksum; exit 65 on corruption.
struct ModelsVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the index, aliases, audit log and every version file's checksums (exit 65 on corruption).",
        discussion: "Warnings (leftovers of interrupted writes) are printed but do not fail the check.")

    @OptionGroup var options: RegistryOptions

    @Argument(help: "A model name; omit to check every model.")
    var name: String?

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await reportingErrors {
            let registry = try options.existingRegistry()
            let problems = try registry.verify(name)
            for problem in problems {
                print(problem.description)
            }
            let models = name.map { [$0] } ?? registry.names()
            let versions = try models.reduce(0) { total, model throws(ModelStoreError) in
                total + (try registry.index(of: model)).versions.count
            }
            let corrupt = problems.filter { $0.severity == .corruption }.count
            guard corrupt == 0 else {
                throw Log.failure("\(corrupt) problem\(corrupt == 1 ? "" : "s") found in \(registry.root.path).",
                                  status: ExitStatus.badData.rawValue)
            }
            print("ok: \(versions) version\(versions == 1 ? "" : "s") of \(models.count) model\(models.count == 1 ? "" : "s") verified.")
        }
    }
}
