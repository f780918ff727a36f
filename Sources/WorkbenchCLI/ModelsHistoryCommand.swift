import ArgumentParser
import ModelStore

/// `workbench models history NAME`: what held each alias when.
struct ModelsHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show every alias move of a model, oldest first (time UTC, who, why).")

    @OptionGroup var options: RegistryOptions

    @Argument(help: "The model name.")
    var name: String

    @Option(help: ArgumentHelp("Only this alias.", valueName: "alias"))
    var alias: String?

    @Flag(help: "Print the moves as a JSON array (oldest first).")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await reportingErrors {
            let moves = try options.makeRegistry().history(of: name).filter { alias == nil || $0.alias == alias }
            if json {
                print(try ModelsJSON.text(moves))
                return
            }
            guard !moves.isEmpty else {
                print("No alias moves recorded for \(name)\(alias.map { "@\($0)" } ?? "").")
                return
            }
            let rows = moves.map { move in
                [
                    move.timeUTC, move.alias, move.from.map { "v\($0)" } ?? "-", "v\(move.to)", move.action.rawValue,
                    "\(move.user)@\(move.host)", move.reason,
                ]
            }
            print(ModelsTable.render(header: ["TIME", "ALIAS", "FROM", "TO", "ACTION", "BY", "REASON"], rows: rows))
        }
    }
}
