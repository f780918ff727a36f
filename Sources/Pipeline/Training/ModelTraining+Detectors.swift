import Evaluation
import Forests
import ModelStore

extension ModelTraining {
    /// Default share of training rows above the `critical` level: one in a thousand.
    public static let defaultCriticalRate = 0.001
    /// Default recall of the labelled `recall_…` reference level.
    public static let defaultTargetRecall = 0.9

    /// Fits Isolation Forest or its extended variant and sets the threshold levels; with labels,
    /// measures ROC AUC and average precision on the training rows and adds reference levels.
    ///
    /// Levels follow the one rule `score ≥ value`. `warn` is the smallest score above
    /// `−offset`, so `is_anomaly` equals scikit-learn's `predict` (`score > −offset_`) exactly.
    static func trainDetector(_ request: TrainingRequest, _ table: TrainingTable) throws -> FittedModel {
        let h = request.hyperparameters
        let extended = request.algorithm == .extendedIsolationForest
        try refuse(request, except: [
            "--trees", "--bootstrap", "--max-samples", "--contamination", "--critical-rate", "--target-recall",
            "--seed", "--threads",
        ] + (extended ? ["--extension-level"] : ["--max-features"]))
        var shared = IsolationForest.Configuration()
        if let trees = h.trees { shared.trees = trees }
        if let seed = h.seed { shared.seed = seed }
        shared.threads = h.threads
        if let bootstrap = h.bootstrap { shared.bootstrap = bootstrap }
        if let value = h.maxSamples { shared.maxSamples = value }
        if let value = h.maxFeatures { shared.maxFeatures = value }
        if let value = h.contamination { shared.contamination = value }
        let criticalRate = h.criticalRate ?? defaultCriticalRate
        guard criticalRate > 0, criticalRate < 1 else {
            throw PipelineError.invalidRequest("--critical-rate must be in (0, 1); got \(criticalRate).")
        }
        let targetRecall = h.targetRecall ?? defaultTargetRecall
        guard targetRecall > 0, targetRecall <= 1 else {
            throw PipelineError.invalidRequest("--target-recall must be in (0, 1]; got \(targetRecall).")
        }

        var hyperparameters: [String: JSONValue] = [
            "trees": .number(Double(shared.trees)), "max_samples": .string(shared.maxSamples.description),
            "bootstrap": .bool(shared.bootstrap), "contamination": .string(shared.contamination.description),
            "seed": .number(Double(shared.seed)),
        ]
        let model: TrainedModel
        let scores: [Double]
        let offset: Double
        if extended {
            var configuration = ExtendedIsolationForest.Configuration()
            configuration.isolation = shared
            if let level = h.extensionLevel { configuration.extensionLevel = level }
            hyperparameters["extension_level"] = .string(configuration.extensionLevel.description)
            let forest = try ExtendedIsolationForest.fit(table.matrix, configuration: configuration.validated())
            scores = try forest.scores(table.matrix)
            offset = forest.offset
            model = .extendedIsolationForest(forest)
        } else {
            hyperparameters["max_features"] = .string(shared.maxFeatures.description)
            let forest = try IsolationForest.fit(table.matrix, configuration: shared.validated())
            scores = try forest.scores(table.matrix)
            offset = forest.offset
            model = .isolationForest(forest)
        }

        let warn = (-offset).nextUp
        let critical = max(warn, try Thresholds.forAlertRate(criticalRate, scores: scores))
        var levels = [
            ThresholdLevel(name: "warn", value: warn, score: "anomaly_score",
                           rule: "contamination \(shared.contamination)"),
            ThresholdLevel(name: "critical", value: critical, score: "anomaly_score",
                           rule: "top \(criticalRate) of training scores"),
        ]
        var metrics = ["flagged_fraction": Double(scores.count { $0 >= warn }) / Double(scores.count)]
        if let labels = try table.anomalyLabels() {
            let ranked = try ScoreRanking(truth: labels.map { $0 ? 1 : 0 }, scores: scores)
            metrics["roc_auc"] = try ranked.rocAUC()
            metrics["pr_auc"] = try ranked.averagePrecision()
            let best = try ranked.thresholdMaximizingF1()
            metrics["f1_at_best_threshold"] = best.f1
            levels.append(ThresholdLevel(name: "f1_optimal", value: best.threshold, score: "anomaly_score",
                                         rule: "maximises F1 on the training labels", purpose: .reference))
            let recall = try ranked.threshold(atRecall: targetRecall)
            levels.append(ThresholdLevel(name: "recall_\(targetRecall)", value: recall.threshold, score: "anomaly_score",
                                         rule: "highest threshold reaching recall \(targetRecall) on the training labels",
                                         purpose: .reference))
        }
        return FittedModel(
            model: model, hyperparameters: hyperparameters, metrics: metrics,
            keyMetric: metrics["roc_auc"] == nil ? "flagged_fraction" : "roc_auc",
            importances: nil, classNames: nil, thresholds: levels)
    }
}
