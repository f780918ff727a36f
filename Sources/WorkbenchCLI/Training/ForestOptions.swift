import ArgumentParser
import Forests
import Pipeline

/// Hyperparameters shared by `train`'s algorithms, with scikit-learn's names; unset means
/// the algorithm's default, and any option set for an algorithm that does not use it is refused.
struct ForestOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Number of trees (default 100).", valueName: "n"))
    var trees: Int?

    @Option(help: ArgumentHelp("Maximum tree depth (Random Forest); default unlimited.", valueName: "n"))
    var maxDepth: Int?

    @Option(help: ArgumentHelp(
        "Features tried per split: sqrt | log2 | all | N | FRACTION (Random Forest; default sqrt for classification, all for regression). Isolation Forest: all | N | FRACTION per tree.",
        valueName: "value"))
    var maxFeatures: MaxFeatures?

    @Option(help: ArgumentHelp("Minimum rows in a leaf (Random Forest; default 1).", valueName: "n"))
    var minSamplesLeaf: Int?

    @Option(help: ArgumentHelp("Minimum rows to split a node (Random Forest; default 2).", valueName: "n"))
    var minSamplesSplit: Int?

    @Option(help: ArgumentHelp("Minimum weighted impurity decrease to split (Random Forest; default 0).", valueName: "x"))
    var minImpurityDecrease: Double?

    @Option(help: ArgumentHelp("Grow best-first with at most this many leaves (Random Forest).", valueName: "n"))
    var maxLeafNodes: Int?

    @Option(help: ArgumentHelp("Draw rows with replacement for each tree: true | false (default true for Random Forest, false for Isolation Forest).",
                               valueName: "bool"))
    var bootstrap: Bool?

    @Option(help: ArgumentHelp("Rows per tree: all | auto | N | FRACTION (Random Forest default: all; Isolation Forest default: auto = min(256, rows)).",
                               valueName: "value"))
    var maxSamples: MaxSamples?

    @Option(help: ArgumentHelp("Split quality (Random Forest; default gini for classification, squared_error for regression).", valueName: "name"))
    var criterion: ForestConfiguration.Criterion?

    @Option(help: ArgumentHelp("Class weights (Random Forest classifier; default none).", valueName: "name"))
    var classWeight: ForestConfiguration.ClassWeight?

    @Option(help: ArgumentHelp("Split search: histogram bins for large nodes or exact everywhere (Random Forest; default histogram).", valueName: "name"))
    var splitter: SplitMethod?

    @Option(help: ArgumentHelp("auto (score > 0.5) | FRACTION of training rows to flag (Isolation Forest; default auto).", valueName: "value"))
    var contamination: Contamination?

    @Option(help: ArgumentHelp("Hyperplane extension level: full | 0 … features−1 (extended Isolation Forest; default full).",
                               valueName: "n"))
    var extensionLevel: ExtendedIsolationForest.ExtensionLevel?

    @Option(help: ArgumentHelp("Share of training rows at or above the critical level (Isolation Forest; default 0.001).", valueName: "fraction"))
    var criticalRate: Double?

    @Option(help: ArgumentHelp("Recall the stored fixed-recall threshold reaches when --target labels are given (Isolation Forest; default 0.9).",
                               valueName: "fraction"))
    var targetRecall: Double?

    @Option(help: ArgumentHelp("Random seed (default 0); the same seed gives the same model for any thread count.", valueName: "n"))
    var seed: SeedArgument?

    @Option(help: ArgumentHelp("Worker threads; default all cores.", valueName: "n"))
    var threads: Int?

    func validate() throws {
        try seed?.validate()
    }

    /// The options as the pipeline's hyperparameters.
    var hyperparameters: Hyperparameters {
        var h = Hyperparameters()
        h.trees = trees
        h.maxDepth = maxDepth
        h.maxFeatures = maxFeatures
        h.minSamplesLeaf = minSamplesLeaf
        h.minSamplesSplit = minSamplesSplit
        h.minImpurityDecrease = minImpurityDecrease
        h.maxLeafNodes = maxLeafNodes
        h.bootstrap = bootstrap
        h.maxSamples = maxSamples
        h.criterion = criterion
        h.classWeight = classWeight
        h.splitter = splitter
        h.contamination = contamination
        h.extensionLevel = extensionLevel
        h.criticalRate = criticalRate
        h.targetRecall = targetRecall
        h.seed = seed?.value
        h.threads = threads
        return h
    }
}
