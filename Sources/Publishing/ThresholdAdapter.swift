import Forests
import ModelStore

/// The one place that reads a model's threshold levels, so a change of threshold type touches one function.
///
/// Today levels live in two places: `ModelMetadata.thresholds` (`[ThresholdLevel]`, written by `train`) and,
/// for detectors, the model's own `AnomalyThresholds` (alert and named levels). The published rule is
/// `score >= value` for `above` levels.
enum ThresholdAdapter {
    /// The model's levels: the metadata's first, then detector levels the metadata lacks, then the detector's
    /// alert threshold as `alert` when no level has its value. Sorted by value, names unique.
    static func levels(of loaded: LoadedModel) -> [PublishedLevel] {
        var levels = loaded.metadata.thresholds.map {
            PublishedLevel(name: $0.name, value: $0.value, score: $0.score, direction: $0.direction, rule: $0.rule)
        }
        if let detector = detectorThresholds(loaded.model) {
            for level in detector.levels where !levels.contains(where: { $0.name == level.name }) {
                levels.append(PublishedLevel(name: level.name, value: level.score, score: "anomaly_score",
                                             rule: "level stored in the model"))
            }
            if !levels.contains(where: { $0.value == detector.alert && $0.score == "anomaly_score" }),
               !levels.contains(where: { $0.name == "alert" }) {
                levels.append(PublishedLevel(name: "alert", value: detector.alert, score: "anomaly_score",
                                             rule: "the model's alert threshold"))
            }
        }
        return levels.sorted { ($0.value, $0.name) < ($1.value, $1.name) }
    }

    /// The level that raises `is_anomaly` when the publisher names none: the one at the detector's alert
    /// threshold (what `workbench predict` flags), nil for models without one.
    static func defaultAnomalyLevel(of loaded: LoadedModel, in levels: [PublishedLevel]) -> PublishedLevel? {
        guard let detector = detectorThresholds(loaded.model) else { return nil }
        return levels.first { $0.value == detector.alert && $0.score == "anomaly_score" }
    }

    private static func detectorThresholds(_ model: TrainedModel) -> AnomalyThresholds? {
        switch model {
        case .isolationForest(let forest): forest.thresholds
        case .extendedIsolationForest(let forest): forest.thresholds
        case .randomForestClassifier, .randomForestRegressor: nil
        }
    }
}
