import Forests
import Pipeline

/// Turns a spec's hyperparameter text (`trees: "200"`, `max_features: sqrt`) into `Pipeline.Hyperparameters`
/// through the one text form each hyperparameter type already has (`MaxFeatures("sqrt")`, `Criterion(rawValue:)`),
/// so the spec accepts exactly what `workbench train` accepts.
public enum HyperparameterValues {
    /// Sets the field named `name` (a spec key such as `max_depth`) of `values` from `text`.
    /// - Returns: nil when set; otherwise what was expected, for the problem message.
    static func set(_ name: String, _ text: String, in values: inout Hyperparameters) -> String? {
        switch name {
        case "trees": return assign(Int(text).flatMap { $0 >= 1 ? $0 : nil }, to: &values.trees, "an integer ≥ 1")
        case "max_depth": return assign(Int(text), to: &values.maxDepth, "an integer")
        case "max_features": return assign(MaxFeatures(text), to: &values.maxFeatures, "sqrt, log2, all, a count or a fraction")
        case "min_samples_leaf": return assign(Int(text), to: &values.minSamplesLeaf, "an integer")
        case "min_samples_split": return assign(Int(text), to: &values.minSamplesSplit, "an integer")
        case "min_impurity_decrease": return assign(Double(text), to: &values.minImpurityDecrease, "a number")
        case "max_leaf_nodes": return assign(Int(text), to: &values.maxLeafNodes, "an integer")
        case "bootstrap": return assign(Bool(text), to: &values.bootstrap, "true or false")
        case "max_samples": return assign(MaxSamples(text), to: &values.maxSamples, "auto, all, a count or a fraction")
        case "criterion":
            return assign(ForestConfiguration.Criterion(rawValue: text), to: &values.criterion,
                          ForestConfiguration.Criterion.allCases.map(\.rawValue).joined(separator: ", "))
        case "class_weight":
            return assign(ForestConfiguration.ClassWeight(rawValue: text), to: &values.classWeight,
                          ForestConfiguration.ClassWeight.allCases.map(\.rawValue).joined(separator: ", "))
        case "splitter":
            return assign(SplitMethod(rawValue: text), to: &values.splitter,
                          SplitMethod.allCases.map(\.rawValue).joined(separator: ", "))
        case "contamination": return assign(Contamination(text), to: &values.contamination, "auto or a fraction in (0, 0.5]")
        case "extension_level":
            return assign(ExtendedIsolationForest.ExtensionLevel(text), to: &values.extensionLevel, "full or an integer ≥ 0")
        case "critical_rate": return assign(Double(text), to: &values.criticalRate, "a number in (0, 1)")
        case "target_recall": return assign(Double(text), to: &values.targetRecall, "a number in (0, 1]")
        case "threads": return assign(Int(text).flatMap { $0 >= 1 ? $0 : nil }, to: &values.threads, "an integer ≥ 1")
        default: return "a known hyperparameter"
        }
    }

    /// The hyperparameters of `model` with `seed`.
    /// - Throws: `RetrainError.invalidRequest` for a value the types refuse (the spec parser already refused them
    ///   with their key path, so this happens only for specs built in code).
    public static func of(_ model: ModelSpec, seed: UInt64) throws(RetrainError) -> Hyperparameters {
        var values = Hyperparameters()
        for (name, text) in model.hyperparameters.sorted(by: { $0.key < $1.key }) {
            if let expected = set(name, text, in: &values) {
                throw .invalidRequest("hyperparameters.\(name) of model '\(model.name)': expected \(expected), got '\(text)'.")
            }
        }
        values.seed = seed
        return values
    }

    private static func assign<T>(_ value: T?, to field: inout T?, _ expected: String) -> String? {
        guard let value else { return expected }
        field = value
        return nil
    }
}
