import Datasets
import Evaluation
import Forests
import ModelStore
import NumericCore

/// Turns a training request and a data set into a trained model, its metadata and a summary.
///
/// The one training path of `train`, `evaluate` and the nightly job: it validates the request
/// against the algorithm, builds the feature matrix and target, fits, and measures what the
/// metadata reports (each metric named for how it was measured: `oob_…` out of bag,
/// detectors' metrics on the training rows).
public enum ModelTraining {
    /// Reads the data file at `path` (`.csv` or `.h5`) and trains on it.
    ///
    /// CSV columns named as the target, time, group or in `exclude` may hold text; every other column must be
    /// numeric, unless `features` lists the features or a feature spec computes them: then other text columns
    /// are read and ignored.
    /// - Parameters:
    ///   - request: what to train.
    ///   - path: the data file; also the lineage source.
    ///   - progress: called as trees finish (Random Forests); default none.
    /// - Throws: as `train(_:on:source:progress:)`, and `DatasetError` when the file cannot be read.
    public static func train(
        _ request: TrainingRequest, dataAt path: String, progress: TreeProgress? = nil
    ) throws -> TrainingResult {
        let request = request.resolved
        try request.check()
        let textColumns = Set(request.exclude + [request.target, request.time, request.group].compactMap { $0 })
        let types: CSVReadOptions.ColumnTypes = request.features.isEmpty && request.featureSpec == nil
            ? .numeric(allowingTextIn: textColumns) : .inferred
        let dataset = try DatasetIO.read(path: path, csvOptions: CSVReadOptions(columnTypes: types))
        return try train(request, on: dataset, source: path, progress: progress)
    }

    /// Fits the requested model on `dataset`.
    /// - Parameters:
    ///   - request: what to train.
    ///   - dataset: the training rows, in memory.
    ///   - source: where the rows came from, for messages and lineage (e.g. the file path).
    ///   - progress: called as trees finish (Random Forests); default none.
    /// With `request.featureSpec`, the spec is applied to `dataset` first (the target never read) and the
    /// model learns the spec's output columns; the metadata stores the spec, so every scoring path applies it.
    /// - Returns: the model, the metadata to store with it, the self-test rows, a summary and warnings.
    /// - Throws: `PipelineError.invalidRequest` for a hyperparameter that does not apply, or the target,
    ///   time or group column used as a feature; `FeatureError` when the spec does not fit the data;
    ///   `PipelineError.unsuitableData` for a target a classifier cannot use; `DatasetError`
    ///   for missing columns or values; `ForestError` for out-of-range hyperparameters.
    public static func train(
        _ request: TrainingRequest, on dataset: Dataset, source: String, progress: TreeProgress? = nil
    ) throws -> TrainingResult {
        let requested = request.resolved
        try requested.check()
        if let forecast = try requested.forecastHorizon() {
            // Train on (row → target `horizon` rows later); the metadata records what is forecast.
            var plain = request
            plain.horizon = nil
            plain.target = forecast.aheadColumn
            var result = try train(plain, on: try forecast.pairedRows(dataset, source: source), source: source,
                                   progress: progress)
            result.metadata.forecast = forecast.record
            return result
        }
        let started = ContinuousClock.now
        let inputs = try TrainingInputs(requested, dataset: dataset, source: source)
        let request = inputs.request
        let dataset = inputs.dataset
        let table = try TrainingTable(
            dataset: dataset, source: source, target: request.target, include: request.features,
            exclude: request.exclude + [request.time, request.group].compactMap { $0 })
        let warnings = inputs.spec == nil
            ? ModelFeatures.warnings(for: table.features.filter { !request.features.contains($0) }) : inputs.warnings
        let times = try request.time.map { try TimeColumn.seconds(dataset, name: $0, source: source) }
        let fitted: FittedModel = switch request.algorithm {
        case .randomForestClassifier: try trainClassifier(request, table, progress: progress)
        case .randomForestRegressor: try trainRegressor(request, table, progress: progress)
        case .isolationForest, .extendedIsolationForest: try trainDetector(request, table)
        }
        var metrics = fitted.metrics
        var keyMetric = fitted.keyMetric
        var validation: ValidationRecord?
        if let strategy = request.validation {
            let measured = try ModelValidation.measure(
                request, strategy: strategy, on: dataset, source: source, times: times)
            metrics.merge(measured.metrics) { _, new in new }
            keyMetric = ModelValidation.keyMetric(in: measured.metrics, algorithm: request.algorithm) ?? keyMetric
            validation = measured.record
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let window = times.map(ModelValidation.window)
        var metadata = ModelMetadata(
            algorithm: fitted.model.algorithm, hyperparameters: fitted.hyperparameters, features: table.features,
            lineage: TrainingLineage(
                source: table.source, windowStart: window?.start, windowEnd: window?.end, target: table.target?.name,
                datasetSHA256: Digest.sha256Hex(of: table.matrix), rows: table.matrix.rows),
            metrics: metrics, keyMetric: keyMetric, thresholds: fitted.thresholds,
            workbenchVersion: WorkbenchVersion.current, trainingSeconds: seconds)
        metadata.validation = validation
        metadata.featureSpec = inputs.spec.map(ModelFeatures.stored)
        let summary = TrainingSummary(
            algorithm: fitted.model.algorithm, source: table.source, rows: table.matrix.rows,
            features: table.features, target: table.target?.name, classNames: fitted.classNames,
            metrics: metrics, thresholds: fitted.thresholds, importances: fitted.importances, seconds: seconds,
            validation: validation)
        return TrainingResult(
            model: fitted.model, metadata: metadata,
            selfTestRows: table.matrix.selectingRows(0 ..< min(8, table.matrix.rows)), summary: summary,
            warnings: warnings)
    }

    private static func trainClassifier(
        _ request: TrainingRequest, _ table: TrainingTable, progress: TreeProgress?
    ) throws -> FittedModel {
        let (labels, classNames) = try table.classLabels(maxClasses: request.maxClasses)
        let configuration = try forestConfiguration(request, task: .classification)
        let model = try RandomForestClassifier(
            fitting: table.matrix, labels: labels, classNames: classNames, configuration: configuration,
            progress: progress)
        var metrics: [String: Double] = [:]
        if let score = model.outOfBagScore { metrics["oob_accuracy"] = score }
        return FittedModel(
            model: .randomForestClassifier(model), hyperparameters: hyperparameters(configuration.values),
            metrics: metrics, keyMetric: metrics.isEmpty ? nil : "oob_accuracy",
            importances: model.featureImportances, classNames: classNames)
    }

    private static func trainRegressor(
        _ request: TrainingRequest, _ table: TrainingTable, progress: TreeProgress?
    ) throws -> FittedModel {
        let targets = try table.numericTarget()
        let configuration = try forestConfiguration(request, task: .regression)
        let model = try RandomForestRegressor(
            fitting: table.matrix, targets: targets, configuration: configuration, progress: progress)
        var metrics: [String: Double] = [:]
        if let score = model.outOfBagScore { metrics["oob_r2"] = score }
        return FittedModel(
            model: .randomForestRegressor(model), hyperparameters: hyperparameters(configuration.values),
            metrics: metrics, keyMetric: metrics.isEmpty ? nil : "oob_r2",
            importances: model.featureImportances, classNames: nil)
    }

    private static func forestConfiguration(
        _ request: TrainingRequest, task: ForestTask
    ) throws -> ForestConfiguration.Validated {
        let h = request.hyperparameters
        try refuse(request, except: [
            "--trees", "--max-depth", "--max-features", "--min-samples-leaf", "--min-samples-split",
            "--min-impurity-decrease", "--max-leaf-nodes", "--bootstrap", "--max-samples", "--splitter", "--seed",
            "--threads", "--criterion",
        ] + (task == .classification ? ["--class-weight"] : []))
        var configuration = ForestConfiguration(task: task)
        if let trees = h.trees { configuration.trees = trees }
        configuration.maxDepth = h.maxDepth
        if let value = h.minSamplesLeaf { configuration.minSamplesLeaf = value }
        if let value = h.minSamplesSplit { configuration.minSamplesSplit = value }
        if let value = h.minImpurityDecrease { configuration.minImpurityDecrease = value }
        configuration.maxLeafNodes = h.maxLeafNodes
        if let seed = h.seed { configuration.seed = seed }
        configuration.threads = h.threads
        if let bootstrap = h.bootstrap { configuration.bootstrap = bootstrap }
        if let value = h.maxFeatures { configuration.maxFeatures = value }
        if let value = h.maxSamples { configuration.maxSamples = value }
        if let value = h.criterion { configuration.criterion = value }
        if let value = h.classWeight { configuration.classWeight = value }
        if let value = h.splitter { configuration.splitter = value }
        return try configuration.validated()
    }

    private static func hyperparameters(_ values: ForestConfiguration) -> [String: JSONValue] {
        [
            "trees": .number(Double(values.trees)), "bootstrap": .bool(values.bootstrap),
            "max_samples": .string(values.maxSamples.description), "max_features": .string(values.maxFeatures.description),
            "max_depth": values.maxDepth.map { .number(Double($0)) } ?? .null,
            "min_samples_split": .number(Double(values.minSamplesSplit)),
            "min_samples_leaf": .number(Double(values.minSamplesLeaf)),
            "min_impurity_decrease": .number(values.minImpurityDecrease),
            "max_leaf_nodes": values.maxLeafNodes.map { .number(Double($0)) } ?? .null,
            "criterion": .string(values.criterion.rawValue), "class_weight": .string(values.classWeight.rawValue),
            "splitter": .string(values.splitter.rawValue), "seed": .number(Double(values.seed)),
        ]
    }

    /// Refuses every hyperparameter that is set but not among `applicable`.
    /// - Throws: `PipelineError.invalidRequest` naming the first such option (alphabetically).
    static func refuse(_ request: TrainingRequest, except applicable: [String]) throws(PipelineError) {
        let allowed = Set(applicable)
        if let option = request.hyperparameters.given.filter({ $0.value && !allowed.contains($0.key) }).keys.sorted().first {
            throw .invalidRequest("\(option) does not apply to \(request.algorithm.rawValue).")
        }
    }
}

/// What fitting produced, before the metadata is assembled.
struct FittedModel {
    var model: TrainedModel
    var hyperparameters: [String: JSONValue]
    var metrics: [String: Double]
    var keyMetric: String?
    var importances: [Double]?
    var classNames: [String]?
    var thresholds: [ThresholdLevel] = []
}
