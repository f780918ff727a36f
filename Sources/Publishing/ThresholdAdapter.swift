import ModelStore

/// The one place that reads a model's threshold levels for publishing.
///
/// Levels have one home, the model's metadata (`[ThresholdLevel]`), and one rule: a row reaches a level
/// when `score ≥ value` (direction `above`).
enum ThresholdAdapter {
    /// The model's levels, sorted by value (names unique, as the metadata stores them).
    static func levels(of loaded: LoadedModel) -> [PublishedLevel] {
        loaded.metadata.thresholds.map {
            PublishedLevel(name: $0.name, value: $0.value, score: $0.score, direction: $0.direction, rule: $0.rule)
        }
        .sorted { ($0.value, $0.name) < ($1.value, $1.name) }
    }

    /// The level that raises `is_anomaly` when the publisher names none: the lowest alert level on the
    /// anomaly score, exactly what `workbench predict` flags; nil for models without alert levels.
    static func defaultAnomalyLevel(of loaded: LoadedModel, in levels: [PublishedLevel]) -> PublishedLevel? {
        guard let lowest = loaded.metadata.thresholds.alertLevels(on: "anomaly_score").first else { return nil }
        return levels.first { $0.name == lowest.name }
    }
}
