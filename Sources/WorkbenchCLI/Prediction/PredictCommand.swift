import ArgumentParser
import Datasets
import DurableFiles
import Foundation
import ModelStore
import NumericCore
import Pipeline

/// `workbench predict`: scores a data file with a model file or a registered version.
struct PredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Score a CSV or HDF5 data set with a model; writes predictions in input row order.",
        discussion: """
            Features are matched by name: the data may hold extra columns in any order (the target \
            column is ignored). Output columns:
              classifier   prediction, probability_<class> for each class
              regressor    prediction, prediction_std (spread across trees); with --interval P also \
            prediction_low, prediction_high (the (1−P)/2 and (1+P)/2 quantiles of the trees' predictions)
              forecasting  (trained with --horizon) also forecast_for: the time of the row the prediction \
            forecasts (horizon rows later in the group), empty for the last rows of each group
              detectors    anomaly_score (higher = more anomalous), is_anomaly (1 when the score reaches \
            an alert level: score ≥ level), level (highest alert level reached), top_features (flagged rows: \
            feature:share;…)
            """)

    @Option(help: ArgumentHelp(
        "A model file, or a registered model: NAME (latest), NAME@vN or NAME@ALIAS.", valueName: "model"))
    var model: String

    @Option(help: ArgumentHelp("Data to score: a .csv or .h5 file.", valueName: "file"))
    var data: String

    @Option(help: ArgumentHelp("Where to write the predictions (.csv or .h5); - writes CSV to stdout.",
                               valueName: "predictions.csv"))
    var output: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Copy these input columns (e.g. timestamp,tenant_id) before the outputs, to join rows back.", valueName: "columns"))
    var keepColumns: [String] = []

    @Option(help: ArgumentHelp(
        "Regressors: add prediction_low/prediction_high bounding this central share of the trees' predictions "
        + "(0.8 = 10th to 90th percentile).", valueName: "share"))
    var interval: Double?

    @Flag(help: "Print a JSON summary (rows, flagged rows per level, predicted classes) on stdout.")
    var json = false

    @Option(help: ArgumentHelp("Features listed per flagged row (detectors).", valueName: "n"))
    var topFeatures: Int = 3

    @Option(help: ArgumentHelp("Worker threads; default all cores.", valueName: "n"))
    var threads: Int?

    @OptionGroup(title: "Registry options")
    var registryOptions: RegistryOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard topFeatures >= 0 else { throw ValidationError("--top-features must be ≥ 0; got \(topFeatures).") }
        if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1; got \(threads).") }
        if let interval, !(interval > 0 && interval < 1) {
            throw ValidationError("--interval must be in (0, 1), e.g. 0.8; got \(interval).")
        }
        if json && output == "-" {
            throw ValidationError("--json and --output - both write to stdout; give --output a file.")
        }
    }

    func run() async throws {
        try await reportingErrors {
            if output != "-" {
                try OutputPaths.check(
                    NamedPath("--output", output), formats: [.csv, .hdf5], what: "predictions",
                    inputs: [NamedPath("--data", data), NamedPath("--model", model)], protected: registryOptions.protectedRoot)
            }
            var timings = PhaseTimings()
            // The model's trees are the peak of a large model's load: built with no slack (issue 15's ≤ 1.5× the file).
            ProcessMemory.mapLargeBlocksExactly()
            let loaded = try timings.measure("load") { try loadModel() }
            ProcessMemory.keepFreedMemory()
            let dataset = try timings.measure("read") { try DatasetIO.read(path: data, csvOptions: .inferred) }
            var options = ModelScoring.Options(topFeatures: topFeatures, threads: threads, keepColumns: splitList(keepColumns))
            options.interval = interval
            let predictions = try timings.measure("score") {
                try ModelScoring.predict(loaded, on: dataset, source: data, options: options)
            }
            timings.split(predictions.explainSeconds, from: "score", to: "explain")
            try timings.measure("write") {
                if output == "-" {
                    try StandardOutput.writeCSV(predictions.dataset)
                } else {
                    try DatasetIO.write(predictions.dataset, to: output)
                }
            }
            timings.report("predict")
            Log.info("wrote \(predictions.dataset.rowCount) predictions to \(output == "-" ? "standard output" : output)",
                     ["rows": .int(predictions.dataset.rowCount), "file": .string(output), "model": .string(model)])
            if json {
                print(try ModelsJSON.text(PredictionSummary(predictions: predictions, model: model, data: data, output: output)))
            }
        }
    }

    /// A path (an existing file, or a name with `/` or an HDF5 extension) is a model file, so a
    /// missing one exits 66; anything else is a registry reference.
    private func loadModel() throws -> LoadedModel {
        try registryOptions.makeRegistry().loadModel(fileOrReference: model)
    }
}
