import ArgumentParser
import Datasets
import Features

/// `workbench features`: print and check feature specs.
struct FeaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Print and check feature specs (time-series features for bucketed metrics).",
        subcommands: [FeaturesShowDefaultCommand.self, FeaturesCheckCommand.self]
    )
}

/// `workbench features show-default`: prints the default spec for collector metrics.
struct FeaturesShowDefaultCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-default",
        abstract: "Print the default feature spec for collector metrics as YAML, to copy and edit.",
        discussion: "docs/features.md explains every transform and why the default uses it."
    )

    @Flag(help: "Print the canonical JSON form (as model files store it) instead of YAML.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        print(json ? FeatureSpec.default.canonicalJSON : FeatureSpec.defaultYAML, terminator: json ? "\n" : "")
    }
}

/// `workbench features check`: validates a spec file and, given data, lists the features.
struct FeaturesCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a feature spec file (exit 78 listing every problem) and list the features it makes.",
        discussion: "Without --data, prints the spec's canonical JSON; with --data, the feature names for that file."
    )

    @Argument(help: ArgumentHelp("The YAML feature spec.", valueName: "spec"))
    var spec: String

    @Option(help: ArgumentHelp("A data set (CSV or HDF5) to resolve the spec's columns against.", valueName: "file"))
    var data: String?

    @Option(help: ArgumentHelp("A column no transform may read (e.g. the target); repeatable.", valueName: "column"))
    var exclude: [String] = []

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await reportingErrors {
            let featureSpec = try FeatureSpec(contentsOfFile: spec)
            guard let data else {
                print(featureSpec.canonicalJSON)
                return
            }
            let dataset = try DatasetIO.read(path: data, csvOptions: .inferred)
            for name in try featureSpec.featureNames(for: dataset, excluding: Set(exclude)) { print(name) }
        }
    }
}
