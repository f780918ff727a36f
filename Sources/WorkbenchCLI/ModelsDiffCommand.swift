import ArgumentParser
import ModelStore

/// `workbench models diff NAME@A NAME@B`: two versions side by side.
struct ModelsDiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions side by side: parameters, data lineage, metrics, thresholds, features.",
        discussion: "Rows that differ are marked with '*'.")

    @OptionGroup var options: RegistryOptions

    @Argument(help: "The first version: NAME, NAME@vN or NAME@ALIAS.")
    var first: String

    @Argument(help: "The second version.")
    var second: String

    @Flag(help: "Show only the rows that differ.")
    var changed = false

    @Flag(help: "Print {left_label, right_label, rows: [{section, field, left, right, differs}]} as JSON.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await reportingErrors {
            let registry = options.makeRegistry()
            let diff = ModelVersionDiff(
                try registry.version(ModelReference(parsing: first)),
                try registry.version(ModelReference(parsing: second)))
            if json {
                var shown = diff
                shown.rows = diff.rows.filter { !changed || $0.differs }
                print(try ModelsJSON.text(shown))
                return
            }
            let rows = diff.rows.filter { !changed || $0.differs }.map { row in
                [row.differs ? "*" : "", "\(row.section).\(row.field)", row.left, row.right]
            }
            print(ModelsTable.render(header: ["", "FIELD", diff.leftLabel, diff.rightLabel], rows: rows))
        }
    }
}
