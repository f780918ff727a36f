#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a Random Forest predicts.
public enum ForestTask: String, Sendable, CaseIterable {
    /// Class labels (gini or entropy).
    case classification
    /// A number (squared error).
    case regression
}

/// Random Forest hyperparameters with scikit-learn's meanings and defaults
/// (`RandomForestClassifier` / `RandomForestRegressor` 1.9). Only the
/// `validated()` form reaches training.
public struct ForestConfiguration: Sendable, Equatable {
    /// The impurity a split lowers.
    public enum Criterion: String, Sendable, Equatable, CaseIterable {
        /// Gini impurity (classification default).
        case gini
        /// Shannon entropy in bits (classification).
        case entropy
        /// Variance of the target (regression, the only choice).
        case squaredError = "squared_error"
    }

    /// Weights of the classes in impurity and leaf values.
    public enum ClassWeight: String, Sendable, Equatable, CaseIterable {
        /// Every row weighs 1 (the default).
        case none
        /// Class `k` weighs `rows / (classes × rows of k)`, computed on all training rows.
        case balanced
    }

    /// Classification or regression.
    public var task: ForestTask
    /// Number of trees, 1 … `ForestLimits.maximumTrees`; default 100 (scikit-learn's `n_estimators`).
    public var trees: Int = 100
    /// Whether each tree sees a bootstrap sample (default) or every row once.
    public var bootstrap: Bool = true
    /// Rows per bootstrap sample; only with `bootstrap`. Default `.all`. A fraction is
    /// rounded half to even (Python's `round`), at least 1; a count above the rows is refused
    /// at training time; `.auto` is an Isolation Forest setting and is refused here.
    public var maxSamples: MaxSamples = .all
    /// Features examined per node; default `.sqrt` for classification, `.all` for regression.
    public var maxFeatures: MaxFeatures
    /// Deepest split depth (root = 0), ≥ 1, or `nil` (default) to grow until leaves are pure.
    public var maxDepth: Int? = nil
    /// Nodes with fewer rows are not split; ≥ 2, default 2.
    public var minSamplesSplit: Int = 2
    /// Rows each leaf must keep; ≥ 1, default 1.
    public var minSamplesLeaf: Int = 1
    /// A split must lower the weighted impurity at least this much (scikit-learn's formula); ≥ 0, default 0.
    public var minImpurityDecrease: Double = 0
    /// At most this many leaves per tree, grown best-first; ≥ 2, or `nil` (default) for no limit.
    public var maxLeafNodes: Int? = nil
    /// Default `.gini` for classification; regression allows only `.squaredError`.
    public var criterion: Criterion
    /// Default `.none`; classification only.
    public var classWeight: ClassWeight = .none
    /// Seed of every random choice; tree `t` uses stream `t`. Default 0, so runs repeat.
    public var seed: UInt64 = 0
    /// Worker threads, 1 … `ForestLimits.maximumThreads`, or `nil` (default) for the active processor
    /// count. The model does not depend on it.
    public var threads: Int? = nil
    /// Split search; default `.histogram` (fast), `.exact` for scikit-learn-like exact thresholds everywhere.
    public var splitter: SplitMethod = .histogram
    /// Whether to compute the out-of-bag score (needs `bootstrap`); default true,
    /// as the training summary reports it and it costs about one prediction pass.
    public var computesOutOfBagScore: Bool = true

    /// The defaults for `task`.
    public init(task: ForestTask) {
        self.task = task
        maxFeatures = task == .classification ? .sqrt : .all
        criterion = task == .classification ? .gini : .squaredError
    }

    /// The configuration after checking every value against its allowed range.
    /// - Throws: `ForestError.invalidParameter` naming the first bad parameter, its range and its value.
    public func validated() throws(ForestError) -> Validated {
        try Validated(checking: self)
    }

    /// A configuration whose values are in range; data-dependent limits
    /// (`maxFeatures` and `maxSamples` counts) are checked at training time.
    public struct Validated: Sendable, Equatable {
        /// The checked values.
        public let values: ForestConfiguration

        init(checking configuration: ForestConfiguration) throws(ForestError) {
            let c = configuration
            func fail(_ message: String) -> ForestError { .invalidParameter(message) }
            try ForestLimits.checkTrees(c.trees)
            if c.maxSamples == .auto {
                throw fail("maxSamples must be all, a count ≥ 1 or a fraction in (0, 1] for a Random Forest; got auto.")
            }
            guard c.maxSamples.isInRange else {
                throw fail("maxSamples must be a count ≥ 1 or a fraction in (0, 1]; got \(c.maxSamples).")
            }
            if !c.bootstrap && c.maxSamples != .all {
                throw fail("maxSamples needs bootstrap; got maxSamples \(c.maxSamples) with bootstrap false.")
            }
            guard c.maxFeatures.isInRange else {
                throw fail("maxFeatures must be sqrt, log2, all, a count ≥ 1 or a fraction in (0, 1]; got \(c.maxFeatures).")
            }
            if let depth = c.maxDepth, depth < 1 { throw fail("maxDepth must be an integer in [1, ∞) or none; got \(depth).") }
            guard c.minSamplesSplit >= 2 else { throw fail("minSamplesSplit must be an integer in [2, ∞); got \(c.minSamplesSplit).") }
            guard c.minSamplesLeaf >= 1 else { throw fail("minSamplesLeaf must be an integer in [1, ∞); got \(c.minSamplesLeaf).") }
            guard c.minImpurityDecrease >= 0, c.minImpurityDecrease.isFinite else {
                throw fail("minImpurityDecrease must be a finite number in [0, ∞); got \(c.minImpurityDecrease).")
            }
            if let leaves = c.maxLeafNodes, leaves < 2 { throw fail("maxLeafNodes must be an integer in [2, ∞) or none; got \(leaves).") }
            _ = try ForestLimits.resolvedThreads(c.threads)
            switch (c.task, c.criterion) {
            case (.classification, .gini), (.classification, .entropy), (.regression, .squaredError): break
            case (.classification, _):
                throw fail("criterion must be gini or entropy for classification; got \(c.criterion.rawValue).")
            case (.regression, _):
                throw fail("criterion must be squared_error for regression; got \(c.criterion.rawValue).")
            }
            if c.task == .regression && c.classWeight != .none {
                throw fail("classWeight applies to classification only; got \(c.classWeight.rawValue) for regression.")
            }
            values = c
        }

        /// Worker threads to use.
        public var threadCount: Int {
            values.threads ?? ForestLimits.processorCount
        }

        /// Worker threads for a prediction: `threads` checked as the configuration's, or `threadCount` when nil.
        /// - Throws: `ForestError.invalidParameter` outside 1 … `ForestLimits.maximumThreads`.
        public func predictionThreads(_ threads: Int?) throws(ForestError) -> Int {
            guard let threads else { return threadCount }
            return try ForestLimits.resolvedThreads(threads)
        }

        /// Features examined per node for `featureCount` features.
        /// - Throws: `ForestError.invalidParameter` when a count exceeds `featureCount`.
        public func resolvedMaxFeatures(featureCount: Int) throws(ForestError) -> Int {
            switch values.maxFeatures {
            case .sqrt: return max(1, Int(Double(featureCount).squareRoot()))
            case .log2: return max(1, Int(log2(Double(featureCount))))
            case .all: return featureCount
            case .fraction(let fraction): return max(1, Int(fraction * Double(featureCount)))
            case .count(let count):
                guard count <= featureCount else {
                    throw .invalidParameter("maxFeatures must be at most the \(featureCount) features; got \(count).")
                }
                return count
            }
        }

        /// Rows per bootstrap sample for `rowCount` training rows.
        /// - Throws: `ForestError.invalidParameter` when a count exceeds `rowCount`.
        public func resolvedMaxSamples(rowCount: Int) throws(ForestError) -> Int {
            switch values.maxSamples {
            case .all, .auto: return rowCount
            case .fraction(let fraction): return max(1, Int((fraction * Double(rowCount)).rounded(.toNearestOrEven)))
            case .count(let count):
                guard count <= rowCount else {
                    throw .invalidParameter("maxSamples must be at most the \(rowCount) training rows; got \(count).")
                }
                return count
            }
        }
    }
}
