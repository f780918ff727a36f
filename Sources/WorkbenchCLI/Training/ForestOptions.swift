import ArgumentParser
import Forests

/// Hyperparameters shared by `train`'s algorithms, with scikit-learn's names and defaults.
///
/// Options that do not apply to the chosen algorithm are refused by `ModelTrainer`
/// instead of being silently ignored.
struct ForestOptions: ParsableArguments {
    @Option(help: "Number of trees.")
    var trees: Int = 100

    @Option(help: ArgumentHelp("Maximum tree depth (Random Forest); default unlimited.", valueName: "n"))
    var maxDepth: Int?

    @Option(help: ArgumentHelp(
        "Features tried per split: sqrt | log2 | all | N | FRACTION (Random Forest; default sqrt for classification, all for regression). Isolation Forest: all | N | FRACTION per tree.",
        valueName: "value"))
    var maxFeatures: String?

    @Option(help: "Minimum rows in a leaf (Random Forest).")
    var minSamplesLeaf: Int = 1

    @Option(help: "Minimum rows to split a node (Random Forest).")
    var minSamplesSplit: Int = 2

    @Option(help: ArgumentHelp("Minimum weighted impurity decrease to split (Random Forest).", valueName: "x"))
    var minImpurityDecrease: Double = 0

    @Option(help: ArgumentHelp("Grow best-first with at most this many leaves (Random Forest).", valueName: "n"))
    var maxLeafNodes: Int?

    @Option(help: ArgumentHelp("Draw rows with replacement for each tree: true | false (default true for Random Forest, false for Isolation Forest).",
                               valueName: "bool"))
    var bootstrap: Bool?

    @Option(help: ArgumentHelp("Rows per tree: N | FRACTION (Random Forest default: all; Isolation Forest default: min(256, rows)).",
                               valueName: "value"))
    var maxSamples: String?

    @Option(help: ArgumentHelp("gini | entropy (Random Forest classifier).", valueName: "name"))
    var criterion: String?

    @Option(help: ArgumentHelp("none | balanced (Random Forest classifier).", valueName: "name"))
    var classWeight: String?

    @Option(help: ArgumentHelp("histogram | exact split search (Random Forest).", valueName: "name"))
    var splitter: String = "histogram"

    @Option(help: ArgumentHelp("auto (score > 0.5) | FRACTION of training rows to flag (Isolation Forest).", valueName: "value"))
    var contamination: String = "auto"

    @Option(help: ArgumentHelp("Hyperplane extension level 0 … features−1 (extended Isolation Forest; default features−1).",
                               valueName: "n"))
    var extensionLevel: Int?

    @Option(help: ArgumentHelp("Share of training rows above the critical level (Isolation Forest).", valueName: "fraction"))
    var criticalRate: Double = 0.001

    @Option(help: ArgumentHelp("Recall the stored fixed-recall threshold reaches when --target labels are given (Isolation Forest).",
                               valueName: "fraction"))
    var targetRecall: Double = 0.9

    @Option(help: "Random seed; the same seed gives the same model for any thread count.")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Worker threads; default all cores.", valueName: "n"))
    var threads: Int?
}
