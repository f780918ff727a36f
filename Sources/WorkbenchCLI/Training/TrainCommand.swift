import ArgumentParser
import Datasets
import DurableFiles
import Evaluation
import Features
import Foundation
import ModelStore
import Pipeline

/// `workbench train`: fits a model on a data file and saves it to a model file, the registry, or both.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a Random Forest or Isolation Forest on a CSV or HDF5 data set.",
        discussion: """
            Features are every numeric column except the target and --exclude, or exactly --features. \
            Missing cells (empty or NaN) are allowed in features: each split learns where they go. \
            A classification target must have 2 to --max-classes distinct values.
            With --feature-spec (a YAML file, or `default`: see `workbench features show-default`), the features \
            are the spec's outputs (--features then picks among them); the spec is stored in the model and \
            applied again by predict and evaluate. --time/--group override the spec's time and group columns.
            Examples:
              workbench train --data datasets/odds/breastw.csv --target label \\
                  --algorithm random-forest-classifier --output breastw.h5
              workbench train --data metrics.wide.csv --algorithm isolation-forest --target label \\
                  --exclude timestamp --contamination 0.02 --register tenant-a-anomalies
              workbench train --data metrics.wide.csv --target label --algorithm random-forest-classifier \
                  --time timestamp --group tenant_id --feature-spec default --output incidents.h5
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

    @Option(help: ArgumentHelp(
        "Most distinct target values a classifier accepts (default \(TrainingRequest.defaultMaxClasses)); more usually means a numeric target for the regressor.",
        valueName: "n"))
    var maxClasses: Int?

    @Option(help: ArgumentHelp(
        "Time column (epoch seconds or ISO 8601): never a feature; records the training window; orders --validation.",
        valueName: "column"))
    var time: String?

    @Option(help: ArgumentHelp("Group column (e.g. tenant_id): never a feature; validation incidents stay within a group.",
                               valueName: "column"))
    var group: String?

    @Option(help: ArgumentHelp(
        "Compute features with this spec (YAML file, or 'default'); stored in the model. --time/--group override its columns.",
        valueName: "file|default"))
    var featureSpec: String?

    @Option(help: ArgumentHelp(
        "Measure on rows the model did not see: time:25% (newest quarter), walk-forward:K, kfold:K; stores validation_… metrics.",
        valueName: "strategy"))
    var validation: String?

    @Option(help: ArgumentHelp(
        "Regressors: forecast the target K rows ahead in the same group (rows in --time order); needs --time.",
        valueName: "K"))
    var horizon: Int?

    @OptionGroup(title: "Forest options")
    var forest: ForestOptions

    @Option(help: ArgumentHelp("Write the model to this HDF5 file.", valueName: "model.h5"))
    var output: String?

    @Option(help: ArgumentHelp("Register the model as the next version of this name; prints NAME@vN.", valueName: "name"))
    var register: String?

    @Flag(help: "Print the summary as one JSON object on stdout instead of text.")
    var json = false

    @OptionGroup(title: "Registry options")
    var registryOptions: RegistryOptions

    @OptionGroup(title: "Job metrics")
    var jobMetrics: JobMetricsOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard output != nil || register != nil else {
            throw ValidationError("Give --output MODEL.h5, --register NAME, or both.")
        }
        if let maxClasses, maxClasses < 2 { throw ValidationError("--max-classes must be ≥ 2; got \(maxClasses).") }
        if let validation {
            do {
                let strategy = try ValidationStrategy(parsing: validation)
                if strategy.isTimeOrdered && time == nil && featureSpec == nil {
                    throw ValidationError("--validation \(validation) is time-ordered and needs --time COLUMN.")
                }
            } catch let error as EvaluationError { throw ValidationError(error.description) }
            if target == nil { throw ValidationError("--validation needs --target: held-out rows are measured against labels.") }
        }
        if group != nil && time == nil && featureSpec == nil { throw ValidationError("--group needs --time.") }
        if let horizon {
            guard algorithm == .randomForestRegressor else {
                throw ValidationError("--horizon applies only to random-forest-regressor; got \(algorithm.rawValue).")
            }
            guard horizon >= 1 else { throw ValidationError("--horizon must be ≥ 1 row; got \(horizon).") }
            if time == nil { throw ValidationError("--horizon needs --time COLUMN: rows ahead are counted in time order.") }
        }
        if maxClasses != nil && algorithm != .randomForestClassifier {
            throw ValidationError("--max-classes does not apply to \(algorithm.rawValue).")
        }
    }

    /// The request `train`'s options describe.
    /// - Throws: `FeatureError` when `--feature-spec` names a file that cannot be read or is not a valid spec.
    func request() throws(FeatureError) -> TrainingRequest {
        var request = TrainingRequest(
            algorithm: algorithm, target: target, features: splitList(features), exclude: splitList(exclude),
            hyperparameters: forest.hyperparameters, maxClasses: maxClasses ?? TrainingRequest.defaultMaxClasses,
            time: time, group: group, validation: validation.flatMap { ValidationStrategy($0) },
            featureSpec: try featureSpec.map(FeatureSpec.named))
        request.horizon = horizon
        return request
    }

    func run() async throws {
        try await jobMetrics.reporting(job: "train", model: register) { run in
            if let output {
                try OutputPaths.check(
                    NamedPath("--output", output), formats: [.hdf5], what: "a model file",
                    inputs: [NamedPath("--data", data)], protected: registryOptions.protectedRoot)
            }
            let request = try request()
            let progress = TerminalProgress(label: "train")
            var timings = PhaseTimings()
            let result: TrainingResult
            do {
                defer { progress.finish() }
                result = try timings.measure("train") {
                    try ModelTraining.train(request, dataAt: data) { progress.show(done: $0, of: $1, unit: "trees") }
                }
            }
            // The summary's seconds cover fitting and measuring; the rest of `train` is reading the data.
            timings.split(result.summary.seconds, from: "train", to: "fit")
            timings.rename("train", to: "read")
            for warning in result.warnings { printError("warning: \(warning)") }
            run.recordTraining(seconds: result.summary.seconds, metrics: result.summary.metrics,
                               tenant: result.metadata.lineage.tenant)
            if let output {
                try timings.measure("save") {
                    try ModelFile.save(result.model, metadata: result.metadata, selfTestRows: result.selfTestRows,
                                       to: URL(fileURLWithPath: output))
                }
            }
            timings.report("train")
            var registered: String?
            if let register {
                let version = try registryOptions.makeRegistry()
                    .register(result.model, metadata: result.metadata, name: register, selfTestRows: result.selfTestRows)
                registered = "\(register)@v\(version.version)"
            }
            if json {
                print(try ModelsJSON.text(result.summary.report(output: output, registered: registered)))
            } else {
                print(result.summary.lines(output: output, registered: registered).joined(separator: "\n"))
            }
        }
    }
}

/// Splits "a,b c" lists so both `--exclude a,b` and `--exclude a b` work.
func splitList(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
}
