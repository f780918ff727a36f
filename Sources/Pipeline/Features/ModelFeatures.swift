import Datasets
import Features
import Foundation
import ModelStore

/// The one place a model's feature spec meets data: training stores it, and `predict`, `evaluate`,
/// the nightly job (and, in Python, `workbench_model.py`) apply the stored spec the same way before
/// matching the model's feature names.
enum ModelFeatures {
    /// The spec `metadata` records in `feature_spec`, nil when the model's features are raw columns.
    ///
    /// `preprocessing.feature_spec` is deliberately not read: a caller that computed features itself and
    /// noted the spec there passes already-computed columns, and applying the spec again would be wrong.
    /// - Throws: `FeatureError.invalidSpec` when the stored spec does not read back (a damaged or newer file).
    static func spec(of metadata: ModelMetadata) throws(FeatureError) -> FeatureSpec? {
        guard let stored = metadata.featureSpec, stored != .null else { return nil }
        let text: String
        do {
            text = String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
        } catch {
            throw .invalidSpec(source: "model metadata feature_spec", problems: ["cannot be encoded as JSON: \(error)"])
        }
        return try FeatureSpec(json: text, source: "model metadata feature_spec")
    }

    /// `spec` as the metadata stores it: its canonical JSON as a JSON object.
    static func stored(_ spec: FeatureSpec) -> JSONValue {
        // The canonical JSON always parses: it is written by FeatureSpec itself.
        (try? JSONDecoder().decode(JSONValue.self, from: Data(spec.canonicalJSON.utf8))) ?? .null
    }

    /// The columns a model reads from `dataset`: the spec's outputs when the model has a spec, else `dataset`.
    /// - Throws: `FeatureError` when the data lacks a column the spec reads or holds text where it needs numbers.
    static func inputs(of metadata: ModelMetadata, from dataset: Dataset) throws(FeatureError) -> Dataset {
        guard let spec = try spec(of: metadata) else { return dataset }
        return try spec.apply(to: dataset)
    }

    /// Warnings for `columns` that became features although their names look like a label or a timestamp.
    static func warnings(for columns: [String]) -> [String] {
        columns.compactMap { name in
            let lower = name.lowercased()
            if labelNames.contains(lower) {
                return "Column '\(name)' looks like a label and is a feature; add it to --exclude (or the feature "
                    + "spec's exclude) unless the model may read it."
            }
            if timeNames.contains(lower) || lower.hasSuffix("_at") {
                return "Column '\(name)' looks like a timestamp and is a feature; pass it as --time or add it to "
                    + "--exclude unless the model may read it."
            }
            return nil
        }
    }

    /// Names a label or target column usually has.
    static let labelNames: Set<String> = ["label", "is_incident", "target", "y", "class"]
    /// Names a timestamp column usually has (besides `…_at`).
    static let timeNames: Set<String> = ["timestamp", "time", "ts"]
}
