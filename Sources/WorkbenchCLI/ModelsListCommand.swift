import ArgumentParser
import Foundation
import ModelStore

/// `workbench models list [NAME]`: the registered models, or the versions of one.
struct ModelsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List registered models, or the versions of NAME (version, created, algorithm, rows, key metric, aliases).")

    @OptionGroup var options: RegistryOptions

    @Argument(help: "A model name; omit to list every model.")
    var name: String?

    @Flag(help: "Print the index (of every model, or NAME's versions) as JSON instead of a table.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await reportingErrors {
            let registry = try options.existingRegistry()
            guard let name else {
                if json {
                    print(try ModelsJSON.text(try registry.names().map { name throws(ModelStoreError) in
                        try registry.index(of: name)
                    }))
                    return
                }
                let rows = try registry.names().map { name throws(ModelStoreError) -> [String] in
                    let index = try registry.index(of: name)
                    return [
                        name, String(index.versions.count), index.versions.last.map { "v\($0.version)" } ?? "-",
                        index.versions.last?.metadata.createdUTC ?? "-", Self.aliasSummary(index),
                    ]
                }
                if rows.isEmpty {
                    print("No models in \(registry.root.path).")
                } else {
                    print(ModelsTable.render(header: ["MODEL", "VERSIONS", "LATEST", "CREATED", "ALIASES"], rows: rows))
                }
                return
            }
            try ModelReference.validateName(name)
            let index = try registry.index(of: name)
            if json {
                print(try ModelsJSON.text(index.versions))
                return
            }
            let rows = index.versions.map { entry in
                [
                    "v\(entry.version)", entry.metadata.createdUTC, entry.metadata.algorithm.rawValue,
                    String(entry.metadata.lineage.rows),
                    entry.metadata.headlineMetric.map { "\($0.name)=\(ModelsJSON.format($0.value))" } ?? "-",
                    index.aliases(of: entry.version).joined(separator: ","),
                ]
            }
            print(ModelsTable.render(
                header: ["VERSION", "CREATED", "ALGORITHM", "ROWS", "KEY METRIC", "ALIASES"], rows: rows))
        }
    }

    static func aliasSummary(_ index: RegistryIndex) -> String {
        index.aliases.sorted { $0.key < $1.key }.map { "\($0.key)=v\($0.value)" }.joined(separator: ",")
    }
}
