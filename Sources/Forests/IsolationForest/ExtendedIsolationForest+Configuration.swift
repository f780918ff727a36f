extension ExtendedIsolationForest {
    /// How many coordinates of each hyperplane normal may be non-zero.
    public enum ExtensionLevel: Sendable, Equatable, CustomStringConvertible {
        /// d − 1: every coordinate, the fully extended forest Hariri et al. recommend.
        case full
        /// A level in 0 … d − 1; level `e` gives normals with `e + 1` non-zero components.
        case level(Int)

        public var description: String {
            switch self {
            case .full: "full"
            case .level(let level): "\(level)"
            }
        }

        /// The level for `features` columns.
        func resolved(features: Int) throws(ForestError) -> Int {
            switch self {
            case .full:
                return features - 1
            case .level(let level):
                guard level < features else {
                    throw .invalidParameter(
                        "extensionLevel must be in 0 … \(features - 1) for \(features) features; got \(level).")
                }
                return level
            }
        }
    }

    /// The hyperparameters of an Extended Isolation Forest.
    ///
    /// Shares Isolation Forest's meanings and defaults; only the validated form reaches `fit`.
    public struct Configuration: Sendable, Equatable {
        /// Number of trees, 1 … `ForestLimits.maximumTrees`; default 100, as Isolation Forest.
        public var trees: Int = 100
        /// Rows per tree (ψ); default `.auto` = min(256, n).
        public var maxSamples: IsolationForest.MaxSamples = .auto
        /// Non-zero components per normal minus one; default `.full` (d − 1), which removes the
        /// axis-parallel artefacts of standard isolation trees.
        public var extensionLevel: ExtensionLevel = .full
        /// Draw each tree's rows with replacement; default false.
        public var bootstrap: Bool = false
        /// How the alert threshold is chosen; default `.auto` (score > 0.5).
        public var contamination: IsolationForest.Contamination = .auto
        /// Seed of all randomness; tree `t` uses stream `t`.
        public var seed: UInt64 = 0
        /// Worker threads for training and scoring, 1 … `ForestLimits.maximumThreads`; default nil = every active core.
        public var threads: Int?

        /// The default configuration.
        public init() {}

        /// The same settings after checking every range.
        /// - Throws: `ForestError.invalidParameter` naming the parameter, the allowed range and the value.
        public func validated() throws(ForestError) -> ValidatedConfiguration {
            var shared = IsolationForest.Configuration()
            shared.trees = trees
            shared.maxSamples = maxSamples
            shared.bootstrap = bootstrap
            shared.contamination = contamination
            shared.seed = seed
            shared.threads = threads
            let checked = try shared.validated()
            if case .level(let level) = extensionLevel, level < 0 {
                throw .invalidParameter("extensionLevel must be 'full' or an integer ≥ 0; got \(level).")
            }
            return ValidatedConfiguration(shared: checked, extensionLevel: extensionLevel)
        }
    }

    /// A configuration whose every value is in range; made only by `Configuration.validated()`.
    public struct ValidatedConfiguration: Sendable, Equatable {
        /// The settings shared with Isolation Forest (its `maxFeatures` is always `.all` here).
        public let shared: IsolationForest.ValidatedConfiguration
        /// The requested extension level, resolved against the features at fit time.
        public let extensionLevel: ExtensionLevel
    }
}
