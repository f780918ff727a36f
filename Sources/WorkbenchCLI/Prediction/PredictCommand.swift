import ArgumentParser
import Datasets
import Foundation
import ModelStore

/// `workbench predict`: scores a data file with a model file or a registered version.
struct PredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Score a CSV or HDF5 data set with a model; writes predictions in input row order.",
        discussion: """
            Features are matched by name: the data may hold extra columns in any order (the target \
            column is ignored). Output columns:
              classifier   prediction, probability_<class> for each class
              regressor    prediction, prediction_std (spread across trees)
              detectors    anomaly_score (higher = more anomalous), is_anomaly (0/1 at the model's \
            threshold), level (highest alert level reached), top_features (flagged rows: feature:share;…)
            """)

    @Option(help: ArgumentHelp(
        "A model file, or a registered model: NAME (latest), NAME@vN or NAME@ALIAS.", valueName: "model"))
    var model: String

    @Option(help: ArgumentHelp("Data to score: a .csv or .h5 file.", valueName: "file"))
    var data: String

    @Option(help: ArgumentHelp("Where to write the predictions (.csv or .h5).", valueName: "predictions.csv"))
    var output: String

    @Option(help: ArgumentHelp("Features listed per flagged row (detectors).", valueName: "n"))
    var topFeatures: Int = 3

    @Option(help: ArgumentHelp("Worker threads; default all cores.", valueName: "n"))
    var threads: Int?

    @OptionGroup(title: "Registry options")
    var registryOptions: RegistryOptions

    func validate() throws {
        guard topFeatures >= 0 else { throw ValidationError("--top-features must be ≥ 0; got \(topFeatures).") }
        if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1; got \(threads).") }
    }

    func run() async throws {
        try await reportingErrors {
            var timings = PhaseTimings()
            let loaded = try timings.measure("load") { try loadModel() }
            let dataset = try timings.measure("read") { try DatasetIO.read(path: data, csvOptions: .inferred) }
            let matrix = try timings.measure("read") {
                try dataset.featureMatrix(columns: loaded.metadata.features, source: data)
            }
            let predictions = try timings.measure("score") {
                try Predictions(
                    model: loaded.model, matrix: matrix, features: loaded.metadata.features,
                    topFeatures: topFeatures, threads: threads)
            }
            timings.split(predictions.explainSeconds, from: "score", to: "explain")
            try timings.measure("write") { try DatasetIO.write(predictions.dataset, to: output) }
            timings.report("predict")
            printError("wrote \(matrix.rows) predictions to \(output)")
        }
    }

    /// A path that exists is a model file; anything else is a registry reference.
    private func loadModel() throws -> LoadedModel {
        if FileManager.default.fileExists(atPath: model) || model.hasSuffix(".h5") {
            return try ModelFile.load(URL(fileURLWithPath: model))
        }
        return try registryOptions.makeRegistry().load(ModelReference(parsing: model))
    }
}
