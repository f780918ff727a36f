import Foundation
import Features
import Datasets
import ModelStore
import Pipeline

/// The `Pipeline.TrainingRequest` of a spec's model entry.
enum TrainingPlan {
    /// The columns `model` must not learn from: its target, every label of the spec and `label` (the name
    /// `dataset synth` and `pull --labels` give the incident labels), so a detector without a target never learns
    /// from labels. A regressor's target is a metric, a fine feature for the other models.
    static func labels(of spec: RetrainSpec, for model: ModelSpec) -> [String] {
        var seen: Set<String> = []
        let targets = spec.models.filter { $0.algorithm != "random-forest-regressor" || $0.name == model.name }
            .compactMap(\.target)
        return (targets + ["label"]).filter { seen.insert($0).inserted }
    }

    /// The request training `model` on `columns`: the spec's algorithm, target and hyperparameters (seeded by
    /// the spec), with the time, group, every label (targets of classifiers and detectors, and this model's target) and every text column left out of the features.
    /// - Throws: `RetrainError.invalidRequest` for an unknown algorithm or a bad hyperparameter.
    static func request(for model: ModelSpec, spec: RetrainSpec, columns: Dataset) throws(RetrainError) -> TrainingRequest {
        guard let algorithm = ModelAlgorithm(rawValue: model.algorithm) else {
            throw .invalidRequest("models: unknown algorithm '\(model.algorithm)'.")
        }
        let text = columns.columns.compactMap { column -> String? in
            if case .text = column.data { return column.name }
            return nil
        }
        let targets = labels(of: spec, for: model)
        let exclude = ([spec.time, spec.group] + targets + text).filter { $0 != model.target && columns.column(named: $0) != nil }
        var seen: Set<String> = [spec.time, spec.group]
        var request = TrainingRequest(
            algorithm: algorithm, target: model.target, exclude: exclude.filter { seen.insert($0).inserted },
            hyperparameters: try HyperparameterValues.of(model, seed: spec.seed))
        // Time and group are never features; the time column records the training window in the lineage,
        // which the hold-out evaluation checks its rows against.
        request.time = spec.time
        request.group = spec.group
        return request
    }

    /// The feature spec a model entry's `features:` names: `default`, an inline mapping (the spec parser
    /// keeps it as canonical JSON text, which YAML reads), or a file.
    /// - Throws: `FeatureError` naming what is wrong.
    static func featureSpec(_ text: String) throws(FeatureError) -> FeatureSpec {
        if text == "default" { return .default }
        if text.contains("\n") || text.contains(":") && !FileManager.default.fileExists(atPath: text) {
            return try FeatureSpec(yaml: text, source: "models[].features")
        }
        return try FeatureSpec.named(text)
    }
}
