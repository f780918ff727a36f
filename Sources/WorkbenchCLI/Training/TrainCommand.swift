import ArgumentParser
import Datasets
import DurableFiles
import Foundation
import Forests
import ModelStore
import NumericCore

/// `workbench train`: fits a model on a data file and saves it to a model file, the registry, or both.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a Random Forest or Isolation Forest on a CSV or HDF5 data set.",
        discussion: """
            Features are every numeric column except the target and --exclude, or exactly --features. \
            Missing cells (empty or NaN) are allowed in features: each split learns where they go.
            Examples:
              workbench train --data datasets/odds/breastw.csv --target label \\
                  --algorithm random-forest-classifier --output breastw.h5
              workbench train --data metrics.wide.csv --algorithm isolation-forest --target label \\
                  --exclude timestamp --contamination 0.02 --register tenant-a-anomalies
            """)

    @Option(help: ArgumentHelp("Training data: a .csv or .h5 file.", valueName: "file"))
    var data: String

    @Option(help: ArgumentHelp(
        "Target column: class labels, regression target, or (detectors) 0/1 labels used only to evaluate.",
        valueName: "column"))
    var target: String?

    @Option(help: ArgumentHelp("random-forest-classifier | random-forest-regressor | isolation-forest | extended-isolation-forest.",
                               valueName: "name"))
    var algorithm: ModelAlgorithm

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Use exactly these feature columns (comma or space separated).",
                                                         valueName: "columns"))
    var features: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Leave these columns out of the features.", valueName: "columns"))
    var exclude: [String] = []

    @OptionGroup(title: "Forest options")
    var forest: ForestOptions

    @Option(help: ArgumentHelp("Write the model to this HDF5 file.", valueName: "model.h5"))
    var output: String?

    @Option(help: ArgumentHelp("Register the model as the next version of this name; prints NAME@vN.", valueName: "name"))
    var register: String?

    @OptionGroup(title: "Registry options")
    var registryOptions: RegistryOptions

    func validate() throws {
        guard output != nil || register != nil else {
            throw ValidationError("Give --output MODEL.h5, --register NAME, or both.")
        }
        if !algorithm.isAnomalyDetector && target == nil {
            throw ValidationError("--target is required for \(algorithm.rawValue).")
        }
    }

    func run() async throws {
        try await reportingErrors {
            if let output { try OutputPaths.check(NamedPath("--output", output), formats: [.hdf5], what: "a model file", inputs: [NamedPath("--data", data)], protected: registryOptions.protectedRoot) }
            let started = ContinuousClock.now
            let table = try TrainingTable(
                path: data, target: target, include: splitList(features), exclude: splitList(exclude))
            let trained = try ModelTrainer(algorithm: algorithm, options: forest).train(table)
            let seconds = (ContinuousClock.now - started).seconds
            let metadata = trained.metadata(table: table, trainingSeconds: seconds)
            let samples = table.matrix.selectingRows(0 ..< min(8, table.matrix.rows))
            if let output {
                try ModelFile.save(trained.model, metadata: metadata, selfTestRows: samples, to: URL(fileURLWithPath: output))
            }
            var registered: String?
            if let register {
                let version = try registryOptions.makeRegistry()
                    .register(trained.model, metadata: metadata, name: register, selfTestRows: samples)
                registered = "\(register)@v\(version.version)"
            }
            print(TrainingSummary(table: table, trained: trained, seconds: seconds, output: output, registered: registered)
                .text)
        }
    }
}

/// Splits "a,b c" lists so both `--exclude a,b` and `--exclude a b` work.
func splitList(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
}

extension Duration {
    /// The duration in seconds as a double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}

extension ModelAlgorithm: ExpressibleByArgument {}
