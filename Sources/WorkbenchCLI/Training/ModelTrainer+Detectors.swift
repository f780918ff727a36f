import ArgumentParser
import Evaluation
import Forests
import ModelStore

extension ModelTrainer {
    /// Fits Isolation Forest or its extended variant, sets the alert levels and,
    /// when labels are given, measures ROC AUC, PR AUC and label-based thresholds.
    func trainDetector(_ table: TrainingTable) throws -> TrainedResult {
        try refuse([
            "--max-depth": options.maxDepth != nil, "--criterion": options.criterion != nil,
            "--class-weight": options.classWeight != nil, "--max-leaf-nodes": options.maxLeafNodes != nil,
            "--min-samples-leaf": options.minSamplesLeaf != 1, "--min-samples-split": options.minSamplesSplit != 2,
            "--min-impurity-decrease": options.minImpurityDecrease != 0, "--splitter": options.splitter != "histogram",
            "--extension-level": algorithm == .isolationForest && options.extensionLevel != nil,
            "--max-features": algorithm == .extendedIsolationForest && options.maxFeatures != nil,
        ])
        var shared = IsolationForest.Configuration()
        shared.trees = options.trees
        shared.seed = options.seed
        shared.threads = options.threads
        if let bootstrap = options.bootstrap { shared.bootstrap = bootstrap }
        if let text = options.maxSamples { shared.maxSamples = try ForestOptionParsing.isolationMaxSamples(text) }
        if let text = options.maxFeatures { shared.maxFeatures = try ForestOptionParsing.isolationMaxFeatures(text) }
        shared.contamination = try ForestOptionParsing.contamination(options.contamination)

        var hyperparameters: [String: JSONValue] = [
            "trees": .number(Double(shared.trees)), "max_samples": .string(shared.maxSamples.description),
            "bootstrap": .bool(shared.bootstrap), "contamination": .string(shared.contamination.description),
            "seed": .number(Double(shared.seed)),
        ]
        let model: TrainedModel
        let scores: [Double]
        var thresholds: AnomalyThresholds
        if algorithm == .isolationForest {
            hyperparameters["max_features"] = .string(shared.maxFeatures.description)
            let forest = try IsolationForest.fit(table.matrix, configuration: shared.validated())
            scores = try forest.scores(table.matrix)
            thresholds = forest.thresholds
            model = .isolationForest(forest)
        } else {
            var configuration = ExtendedIsolationForest.Configuration()
            configuration.trees = shared.trees
            configuration.seed = shared.seed
            configuration.threads = shared.threads
            configuration.bootstrap = shared.bootstrap
            configuration.maxSamples = shared.maxSamples
            configuration.contamination = shared.contamination
            if let level = options.extensionLevel { configuration.extensionLevel = .level(level) }
            hyperparameters["extension_level"] = .string(configuration.extensionLevel.description)
            let forest = try ExtendedIsolationForest.fit(table.matrix, configuration: configuration.validated())
            scores = try forest.scores(table.matrix)
            thresholds = forest.thresholds
            model = .extendedIsolationForest(forest)
        }

        var levels = [ThresholdLevel(name: "warn", value: thresholds.alert, score: "anomaly_score",
                                     rule: "contamination \(shared.contamination)")]
        let critical = max(thresholds.alert, try AnomalyThresholds.flagging(options.criticalRate, of: scores))
        levels.append(ThresholdLevel(name: "critical", value: critical, score: "anomaly_score",
                                     rule: "top \(options.criticalRate) of training scores"))
        thresholds.setLevel("warn", score: thresholds.alert)
        thresholds.setLevel("critical", score: critical)

        var metrics = ["flagged_fraction": Double(scores.filter { thresholds.isAnomaly($0) }.count) / Double(scores.count)]
        if let labels = try table.anomalyLabels() {
            let truth = labels.map { $0 ? 1 : 0 }
            metrics["roc_auc"] = try Metrics.rocAUC(truth: truth, scores: scores)
            metrics["pr_auc"] = try Metrics.averagePrecision(truth: truth, scores: scores)
            let best = try AnomalyThresholds.f1Optimal(scores: scores, labels: labels)
            metrics["f1_at_best_threshold"] = best.f1
            levels.append(ThresholdLevel(name: "f1_optimal", value: best.threshold, score: "anomaly_score",
                                         rule: "maximises F1 on the training labels"))
            let recall = try AnomalyThresholds.fixedRecall(options.targetRecall, scores: scores, labels: labels)
            levels.append(ThresholdLevel(name: "recall_\(options.targetRecall)", value: recall.threshold,
                                         score: "anomaly_score",
                                         rule: "highest threshold reaching recall \(options.targetRecall) on the training labels"))
        }
        return TrainedResult(
            model: model.settingThresholds(thresholds), hyperparameters: hyperparameters, metrics: metrics,
            keyMetric: metrics["roc_auc"] == nil ? "flagged_fraction" : "roc_auc",
            importances: nil, classNames: nil, thresholds: levels)
    }
}

private extension TrainedModel {
    /// The same detector carrying `thresholds`; other models are returned unchanged.
    func settingThresholds(_ thresholds: AnomalyThresholds) -> TrainedModel {
        switch self {
        case .isolationForest(var forest):
            forest.thresholds = thresholds
            return .isolationForest(forest)
        case .extendedIsolationForest(var forest):
            forest.thresholds = thresholds
            return .extendedIsolationForest(forest)
        case .randomForestClassifier, .randomForestRegressor:
            return self
        }
    }
}
