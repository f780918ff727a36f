import Foundation
import ModelStore

/// Reads a model's feature spec generically from the registry index, so a spec added to the metadata later
/// is published without a change here.
///
/// Looks for `feature_spec` in the version's metadata, then in its `preprocessing`. `ModelMetadata` drops keys
/// it does not know, so the index is read as plain JSON.
enum FeatureSpecReader {
    /// The spec of `version` of `name` in `registry`, or nil when none is recorded.
    static func spec(registry: ModelRegistry, name: String, version: Int) -> JSONValue? {
        let path = registry.root.path + "/" + name + "/index.json"
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
              let index = try? JSONDecoder().decode(JSONValue.self, from: data),
              case .object(let root) = index, case .array(let versions)? = root["versions"]
        else { return nil }
        for case .object(let entry) in versions {
            guard case .number(let number)? = entry["version"], Int(number) == version,
                  case .object(let metadata)? = entry["metadata"] else { continue }
            if let spec = metadata["feature_spec"], spec != .null { return spec }
            if case .object(let preprocessing)? = metadata["preprocessing"],
               let spec = preprocessing["feature_spec"], spec != .null { return spec }
        }
        return nil
    }
}
