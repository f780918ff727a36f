import Forests

/// The hyperparameters a training request may set, with scikit-learn's names and meanings.
///
/// Every field is optional: nil means "the algorithm's default". A field set for an
/// algorithm that does not use it is refused by `ModelTraining.train` whatever its value,
/// so a mistyped command never trains something other than what was asked.
public struct Hyperparameters: Sendable, Equatable {
    /// Number of trees (all algorithms); default 100.
    public var trees: Int?
    /// Maximum tree depth (Random Forest); default unlimited.
    public var maxDepth: Int?
    /// Features per split (Random Forest) or per tree (Isolation Forest).
    public var maxFeatures: MaxFeatures?
    /// Minimum rows in a leaf (Random Forest); default 1.
    public var minSamplesLeaf: Int?
    /// Minimum rows to split a node (Random Forest); default 2.
    public var minSamplesSplit: Int?
    /// Minimum weighted impurity decrease to split (Random Forest); default 0.
    public var minImpurityDecrease: Double?
    /// Grow best-first with at most this many leaves (Random Forest); default unlimited.
    public var maxLeafNodes: Int?
    /// Draw rows with replacement (default true for Random Forest, false for isolation forests).
    public var bootstrap: Bool?
    /// Rows per tree (default all for Random Forest, `auto` for isolation forests).
    public var maxSamples: MaxSamples?
    /// Split quality (Random Forest classifier); default gini.
    public var criterion: ForestConfiguration.Criterion?
    /// Class weights (Random Forest classifier); default none.
    public var classWeight: ForestConfiguration.ClassWeight?
    /// Split search (Random Forest); default histogram.
    public var splitter: SplitMethod?
    /// Share of training rows the `warn` level flags (isolation forests); default auto.
    public var contamination: Contamination?
    /// Hyperplane extension level (extended Isolation Forest); default full.
    public var extensionLevel: ExtendedIsolationForest.ExtensionLevel?
    /// Share of training rows above the `critical` level (isolation forests), in (0, 1); default 0.001.
    public var criticalRate: Double?
    /// Recall the stored `recall_…` reference level reaches on labelled training rows
    /// (isolation forests with a target), in (0, 1]; default 0.9.
    public var targetRecall: Double?
    /// Random seed; default 0. The same seed gives the same model for any thread count.
    public var seed: UInt64?
    /// Worker threads; default every core. Never changes the model.
    public var threads: Int?

    /// No hyperparameter set: every algorithm's defaults.
    public init() {}

    /// The names (as the command line spells them) of the fields that are set.
    var given: [String: Bool] {
        [
            "--trees": trees != nil, "--max-depth": maxDepth != nil, "--max-features": maxFeatures != nil,
            "--min-samples-leaf": minSamplesLeaf != nil, "--min-samples-split": minSamplesSplit != nil,
            "--min-impurity-decrease": minImpurityDecrease != nil, "--max-leaf-nodes": maxLeafNodes != nil,
            "--bootstrap": bootstrap != nil, "--max-samples": maxSamples != nil, "--criterion": criterion != nil,
            "--class-weight": classWeight != nil, "--splitter": splitter != nil,
            "--contamination": contamination != nil, "--extension-level": extensionLevel != nil,
            "--critical-rate": criticalRate != nil, "--target-recall": targetRecall != nil,
            "--seed": seed != nil, "--threads": threads != nil,
        ]
    }
}
