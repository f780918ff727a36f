extension IsolationForest {
    /// The hyperparameters of an Isolation Forest, with scikit-learn's meanings and defaults.
    ///
    /// Build one, change what you need, then call `validated()`; only the
    /// validated form reaches `IsolationForest.fit`.
    public struct Configuration: Sendable, Equatable {
        /// Number of trees, 1 … `ForestLimits.maximumTrees`; default 100, where the paper found path lengths converge.
        public var trees: Int = 100
        /// Rows per tree (ψ); default `.auto` = min(256, n). `.all` is every row, a count
        /// is capped at the rows (as scikit-learn does), a fraction rounds down (at least one row).
        public var maxSamples: MaxSamples = .auto
        /// Features per tree; default `.all`, as scikit-learn. A count must not exceed the
        /// features, a fraction rounds down (at least one); `.sqrt` and `.log2` are refused.
        public var maxFeatures: MaxFeatures = .all
        /// Draw each tree's rows with replacement; default false (the paper subsamples without).
        public var bootstrap: Bool = false
        /// How the model's `offset` is chosen; default `.auto` (the paper's boundary, score 0.5).
        public var contamination: Contamination = .auto
        /// Seed of all randomness; tree `t` uses stream `t`, so the model does not depend on `threads`.
        public var seed: UInt64 = 0
        /// Worker threads for training and scoring, 1 … `ForestLimits.maximumThreads`; default nil = every active core.
        public var threads: Int?

        /// The default configuration.
        public init() {}

        /// The same settings after checking every range.
        /// - Throws: `ForestError.invalidParameter` naming the parameter, the allowed range and the value.
        public func validated() throws(ForestError) -> ValidatedConfiguration {
            try ForestLimits.checkTrees(trees)
            guard maxSamples.isInRange else {
                throw .invalidParameter("maxSamples must be in (0, 1] or a count ≥ 1; got \(maxSamples).")
            }
            switch maxFeatures {
            case .sqrt, .log2:
                throw .invalidParameter("maxFeatures must be all, a count ≥ 1 or a fraction in (0, 1] for an isolation forest; got \(maxFeatures).")
            case .all, .count, .fraction:
                guard maxFeatures.isInRange else {
                    throw .invalidParameter("maxFeatures must be in (0, 1] or a count ≥ 1; got \(maxFeatures).")
                }
            }
            try contamination.check()
            let threadCount = try IsolationForest.resolveThreads(threads)
            return ValidatedConfiguration(
                trees: trees, maxSamples: maxSamples, maxFeatures: maxFeatures, bootstrap: bootstrap,
                contamination: contamination, seed: seed, threads: threadCount)
        }
    }

    /// A configuration whose every value is in range; made only by `Configuration.validated()`.
    public struct ValidatedConfiguration: Sendable, Equatable {
        /// Number of trees (1 … `ForestLimits.maximumTrees`).
        public let trees: Int
        /// Rows per tree, resolved against the training rows at fit time.
        public let maxSamples: MaxSamples
        /// Features per tree, resolved against the training columns at fit time.
        public let maxFeatures: MaxFeatures
        /// Whether rows are drawn with replacement.
        public let bootstrap: Bool
        /// How the alert threshold is chosen.
        public let contamination: Contamination
        /// Seed of all randomness.
        public let seed: UInt64
        /// Worker threads (1 … `ForestLimits.maximumThreads`).
        public let threads: Int

        /// The unchecked form with the same values (`threads` kept as resolved).
        public var values: Configuration {
            var configuration = Configuration()
            configuration.trees = trees
            configuration.maxSamples = maxSamples
            configuration.maxFeatures = maxFeatures
            configuration.bootstrap = bootstrap
            configuration.contamination = contamination
            configuration.seed = seed
            configuration.threads = threads
            return configuration
        }
    }

    /// ψ for `rows` training rows.
    static func resolvedSampleSize(_ maxSamples: MaxSamples, rows: Int) -> Int {
        switch maxSamples {
        case .auto: min(256, rows)
        case .all: rows
        case .count(let count): min(count, rows)
        case .fraction(let fraction): max(1, Int(fraction * Double(rows)))
        }
    }

    /// The per-tree feature count for `features` columns.
    static func resolvedFeatureCount(_ maxFeatures: MaxFeatures, features: Int) throws(ForestError) -> Int {
        switch maxFeatures {
        case .all, .sqrt, .log2:
            return features
        case .count(let count):
            guard count <= features else {
                throw .invalidParameter("maxFeatures must be at most the \(features) features; got \(count).")
            }
            return count
        case .fraction(let fraction):
            return max(1, Int(fraction * Double(features)))
        }
    }

    /// `threads`, or every active core when nil; see `ForestLimits.maximumThreads`.
    static func resolveThreads(_ threads: Int?) throws(ForestError) -> Int {
        try ForestLimits.resolvedThreads(threads)
    }
}
