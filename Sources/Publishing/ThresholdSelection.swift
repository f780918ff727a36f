import ModelStore

/// Builds `thresholds.json` for a model and a `--threshold` choice.
enum ThresholdSelection {
    /// The thresholds document for `loaded` published as `name@vversion`.
    /// - Throws: `PublishingError.invalidRequest` naming the available levels when `choice` names none of them,
    ///   or when a literal value is given for a model with no score to compare it with.
    static func document(
        for loaded: LoadedModel, name: String, version: Int, choice: ThresholdChoice?
    ) throws(PublishingError) -> ThresholdsDocument {
        let levels = ThresholdAdapter.levels(of: loaded)
        let score = levels.first?.score ?? defaultScore(loaded.model)
        let direction = levels.first?.direction ?? "above"
        var rule: ThresholdsDocument.AnomalyRule?
        switch choice {
        case nil:
            rule = ThresholdAdapter.defaultAnomalyLevel(of: loaded, in: levels).map(Self.rule)
        case .level(let wanted):
            guard let level = levels.first(where: { $0.name == wanted }) else {
                let available = levels.map(\.name)
                throw .invalidRequest("Model \(name)@v\(version) has no threshold level '\(wanted)'; "
                    + (available.isEmpty ? "it has no levels (give a number instead)."
                        : "available: \(available.joined(separator: ", ")) (or give a number)."))
            }
            rule = Self.rule(level)
        case .value(let value):
            guard let score else {
                throw .invalidRequest("Model \(name)@v\(version) (\(loaded.model.algorithm.rawValue)) has no single "
                    + "score to compare threshold \(value) with.")
            }
            let level = PublishedLevel(name: "value", value: value, score: score, direction: direction,
                                       rule: "chosen at publication")
            rule = Self.rule(level)
        }
        let scope = ThresholdsDocument.Scope(
            tenant: loaded.metadata.lineage.tenant, group: nil, collector: nil, metric: nil,
            levels: levels, isAnomaly: rule)
        let probe = PublishedLevel(name: "", value: 0, score: score ?? "", direction: direction)
        return ThresholdsDocument(
            model: name, version: version, score: score, scale: score.map(ThresholdsDocument.scale(of:)),
            direction: direction, alertWhen: probe.alertWhen, scopes: [scope])
    }

    private static func rule(_ level: PublishedLevel) -> ThresholdsDocument.AnomalyRule {
        .init(level: level.name, value: level.value, score: level.score, direction: level.direction,
              alertWhen: level.alertWhen)
    }

    /// The score a literal threshold applies to when the model carries no levels.
    private static func defaultScore(_ model: TrainedModel) -> String? {
        switch model {
        case .isolationForest, .extendedIsolationForest: "anomaly_score"
        case .randomForestRegressor: "prediction"
        case .randomForestClassifier(let forest):
            forest.classNames.count == 2 ? "probability_\(forest.classNames[1])" : nil
        }
    }
}
