import Datasets
import Features
import Foundation
import ModelStore

/// A model entry's `features:` applied to a run's rows: the Features library's transforms, computed per group in
/// time order on the whole window (a hold-out row's features read only its own and earlier rows, never labels).
enum FeatureColumns {
    /// The spec `text` names: `default`, an inline YAML mapping (the spec parser keeps it as YAML text), or a file.
    /// - Throws: `FeatureError` naming what is wrong.
    static func spec(_ text: String) throws(FeatureError) -> FeatureSpec {
        if text == "default" { return .default }
        if text.contains("\n") || text.contains(":") && !FileManager.default.fileExists(atPath: text) {
            return try FeatureSpec(yaml: text, source: "models[].features")
        }
        return try FeatureSpec.named(text)
    }

    /// `rows` with their feature columns in place of the raw metrics, keeping the time, group, `keep` (target,
    /// labels, incident kinds) columns the run needs besides the features.
    /// - Parameter excluded: columns no transform may read (the target and the spec's labels).
    static func apply(_ spec: FeatureSpec, to rows: TenantRows, excluded: Set<String>, keep: [String],
                      source: String) throws -> TenantRows {
        let features = try spec.apply(to: rows.dataset, excluding: excluded)
        let names = Set(features.columnNames)
        var columns: [Column] = []
        for name in [rows.timeColumn, rows.groupColumn] + keep where !names.contains(name) && !columns.contains(where: { $0.name == name }) {
            if let column = rows.dataset.column(named: name) { columns.append(column) }
        }
        let dataset = try Dataset(columns: columns + features.columns)
        return try TenantRows(dataset, group: rows.groupColumn, time: rows.timeColumn, source: source)
    }

    /// The spec as model metadata stores it (`preprocessing.feature_spec`, the canonical JSON), which published
    /// bundles carry to collectors.
    static func metadataValue(_ spec: FeatureSpec) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(spec.canonicalJSON.utf8))
    }
}
