import ArgumentParser
import Evaluation
import Forests
import ModelStore
import NumericCore

/// Turns `train`'s options into a validated configuration, fits the chosen
/// algorithm and measures what the summary and the metadata report.
struct ModelTrainer {
    let algorithm: ModelAlgorithm
    let options: ForestOptions

    /// Fits the model on `table`.
    /// - Throws: `ValidationError` for an option that does not apply or does not parse,
    ///   `ForestError` for out-of-range hyperparameters or unusable data.
    func train(_ table: TrainingTable) throws -> TrainedResult {
        switch algorithm {
        case .randomForestClassifier: try trainClassifier(table)
        case .randomForestRegressor: try trainRegressor(table)
        case .isolationForest, .extendedIsolationForest: try trainDetector(table)
        }
    }

    private func trainClassifier(_ table: TrainingTable) throws -> TrainedResult {
        let (labels, classNames) = try table.classLabels()
        let configuration = try forestConfiguration(task: .classification)
        let progress = TerminalProgress(label: "train")
        defer { progress.finish() }
        let model = try RandomForestClassifier(
            fitting: table.matrix, labels: labels, classNames: classNames, configuration: configuration,
            progress: { progress.show(done: $0, of: $1, unit: "trees") })
        var metrics: [String: Double] = [:]
        if let score = model.outOfBagScore { metrics["oob_accuracy"] = score }
        return TrainedResult(
            model: .randomForestClassifier(model), hyperparameters: hyperparameters(configuration.values),
            metrics: metrics, keyMetric: metrics.isEmpty ? nil : "oob_accuracy",
            importances: model.featureImportances, classNames: classNames)
    }

    private func trainRegressor(_ table: TrainingTable) throws -> TrainedResult {
        let targets = try table.numericTarget()
        let configuration = try forestConfiguration(task: .regression)
        let progress = TerminalProgress(label: "train")
        defer { progress.finish() }
        let model = try RandomForestRegressor(
            fitting: table.matrix, targets: targets, configuration: configuration,
            progress: { progress.show(done: $0, of: $1, unit: "trees") })
        var metrics: [String: Double] = [:]
        if let score = model.outOfBagScore { metrics["oob_r2"] = score }
        return TrainedResult(
            model: .randomForestRegressor(model), hyperparameters: hyperparameters(configuration.values),
            metrics: metrics, keyMetric: metrics.isEmpty ? nil : "oob_r2",
            importances: model.featureImportances, classNames: nil)
    }

    private func forestConfiguration(task: ForestTask) throws -> ForestConfiguration.Validated {
        try refuse(["--contamination": options.contamination != "auto", "--extension-level": options.extensionLevel != nil])
        var configuration = ForestConfiguration(task: task)
        configuration.trees = options.trees
        configuration.maxDepth = options.maxDepth
        configuration.minSamplesLeaf = options.minSamplesLeaf
        configuration.minSamplesSplit = options.minSamplesSplit
        configuration.minImpurityDecrease = options.minImpurityDecrease
        configuration.maxLeafNodes = options.maxLeafNodes
        configuration.seed = options.seed
        configuration.threads = options.threads
        if let bootstrap = options.bootstrap { configuration.bootstrap = bootstrap }
        if let text = options.maxFeatures { configuration.maxFeatures = try ForestOptionParsing.maxFeatures(text) }
        if let text = options.maxSamples { configuration.maxSamples = try ForestOptionParsing.forestMaxSamples(text) }
        if let text = options.criterion {
            guard let criterion = ForestConfiguration.Criterion(rawValue: text) else {
                throw ValidationError("--criterion must be gini or entropy; got '\(text)'.")
            }
            configuration.criterion = criterion
        }
        if let text = options.classWeight {
            guard let weight = ForestConfiguration.ClassWeight(rawValue: text) else {
                throw ValidationError("--class-weight must be none or balanced; got '\(text)'.")
            }
            configuration.classWeight = weight
        }
        guard let splitter = SplitMethod(rawValue: options.splitter) else {
            throw ValidationError("--splitter must be histogram or exact; got '\(options.splitter)'.")
        }
        configuration.splitter = splitter
        return try configuration.validated()
    }

    private func hyperparameters(_ values: ForestConfiguration) -> [String: JSONValue] {
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

    /// Refuses options given for an algorithm that does not use them.
    func refuse(_ given: [String: Bool]) throws {
        if let option = given.filter(\.value).keys.sorted().first {
            throw ValidationError("\(option) does not apply to \(algorithm.rawValue).")
        }
    }
}

/// What training produced, before it is saved.
struct TrainedResult {
    var model: TrainedModel
    var hyperparameters: [String: JSONValue]
    var metrics: [String: Double]
    var keyMetric: String?
    var importances: [Double]?
    var classNames: [String]?
    var thresholds: [ThresholdLevel] = []

    /// The metadata to store with the model.
    func metadata(table: TrainingTable, trainingSeconds: Double) -> ModelMetadata {
        ModelMetadata(
            algorithm: model.algorithm, hyperparameters: hyperparameters, features: table.features,
            lineage: TrainingLineage(
                source: table.source, target: table.target?.name,
                datasetSHA256: Digest.sha256Hex(of: table.matrix), rows: table.matrix.rows),
            metrics: metrics, keyMetric: keyMetric, thresholds: thresholds,
            workbenchVersion: WorkbenchVersion.current, trainingSeconds: trainingSeconds)
    }
}
