import ArgumentParser
import Publishing

/// `workbench publish rollback NAME --to DIR`: makes the previous publication current again.
struct PublishRollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Make the previous publication of a model current again (verified first).",
        discussion: "Rollback swaps current and previous: a second rollback returns to where you started.")

    @Argument(help: "The model name.")
    var name: String

    @OptionGroup var target: PublishTargetOptions

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await reportingErrors {
            let outcome: PublicationOutcome
            switch try target.destination() {
            case .directory(let directory):
                outcome = try DirectoryPublisher(root: directory).rollback(name: name)
            case .database(let publisher):
                outcome = try publisher.rollback(name: name)
            }
            print("\(name): v\(outcome.from.map(String.init) ?? "?") → v\(outcome.to) (rolled back)")
        }
    }
}
