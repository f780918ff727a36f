/// The hyperparameter keys a job spec accepts: `train`'s option names with `_` for `-`.
enum HyperparameterNames {
    static let all = [
        "trees", "max_depth", "max_features", "min_samples_leaf", "min_samples_split", "min_impurity_decrease",
        "max_leaf_nodes", "bootstrap", "max_samples", "criterion", "class_weight", "splitter", "contamination",
        "extension_level", "critical_rate", "target_recall", "threads",
    ]

    /// The `train` option for spec key `name` (`max_depth` → `--max-depth`); nil when unknown.
    static func option(for name: String) -> String? {
        all.contains(name) ? "--" + name.replacingOccurrences(of: "_", with: "-") : nil
    }
}
