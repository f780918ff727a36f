extension IsolationForest {
    /// How many rows each tree is grown on (ψ in Liu, Ting & Zhou 2008).
    public enum MaxSamples: Sendable, Equatable, CustomStringConvertible {
        /// `min(256, n)`: the paper found 256 enough on every data set it tried,
        /// and small subsamples reduce swamping and masking.
        case auto
        /// An absolute count ≥ 1, capped at the number of training rows (as scikit-learn does).
        case count(Int)
        /// A fraction in (0, 1] of the training rows, rounded down (at least one row).
        case fraction(Double)

        public var description: String {
            switch self {
            case .auto: "auto"
            case .count(let count): "\(count)"
            case .fraction(let fraction): "\(fraction)"
            }
        }

        /// ψ for `rows` training rows.
        func resolved(rows: Int) -> Int {
            switch self {
            case .auto: min(256, rows)
            case .count(let count): min(count, rows)
            case .fraction(let fraction): max(1, Int(fraction * Double(rows)))
            }
        }
    }

    /// How many features each tree may split on.
    public enum MaxFeatures: Sendable, Equatable, CustomStringConvertible {
        /// Every feature (scikit-learn's default `max_features=1.0`).
        case all
        /// An absolute count in 1 … number of features.
        case count(Int)
        /// A fraction in (0, 1] of the features, rounded down (at least one).
        case fraction(Double)

        public var description: String {
            switch self {
            case .all: "all"
            case .count(let count): "\(count)"
            case .fraction(let fraction): "\(fraction)"
            }
        }

        /// The per-tree feature count for `features` columns.
        func resolved(features: Int) throws(ForestError) -> Int {
            switch self {
            case .all:
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
    }

    /// Which training rows count as anomalies when the model's threshold is set.
    public enum Contamination: Sendable, Equatable, CustomStringConvertible {
        /// Flag scores above 0.5, the paper's boundary: no assumption about the anomaly rate.
        case auto
        /// Flag this fraction in (0, 0.5] of the training rows: the threshold is
        /// that quantile of the training scores (numpy's linear percentile, as scikit-learn).
        case fraction(Double)

        public var description: String {
            switch self {
            case .auto: "auto"
            case .fraction(let fraction): "\(fraction)"
            }
        }
    }

    /// The hyperparameters of an Isolation Forest, with scikit-learn's meanings and defaults.
    ///
    /// Build one, change what you need, then call `validated()`; only the
    /// validated form reaches `IsolationForest.fit`.
    public struct Configuration: Sendable, Equatable {
        /// Number of trees, 1 … `ForestLimits.maximumTrees`; default 100, where the paper found path lengths converge.
        public var trees: Int = 100
        /// Rows per tree (ψ); default `.auto` = min(256, n).
        public var maxSamples: MaxSamples = .auto
        /// Features per tree; default `.all`, as scikit-learn.
        public var maxFeatures: MaxFeatures = .all
        /// Draw each tree's rows with replacement; default false (the paper subsamples without).
        public var bootstrap: Bool = false
        /// How the model's alert threshold is chosen; default `.auto` (score > 0.5).
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
            switch maxSamples {
            case .auto: break
            case .count(let count):
                guard count >= 1 else {
                    throw .invalidParameter("maxSamples must be in (0, 1] or a count ≥ 1; got \(count).")
                }
            case .fraction(let fraction):
                guard fraction > 0, fraction <= 1 else {
                    throw .invalidParameter("maxSamples must be in (0, 1] or a count ≥ 1; got \(fraction).")
                }
            }
            switch maxFeatures {
            case .all: break
            case .count(let count):
                guard count >= 1 else {
                    throw .invalidParameter("maxFeatures must be in (0, 1] or a count ≥ 1; got \(count).")
                }
            case .fraction(let fraction):
                guard fraction > 0, fraction <= 1 else {
                    throw .invalidParameter("maxFeatures must be in (0, 1] or a count ≥ 1; got \(fraction).")
                }
            }
            if case .fraction(let fraction) = contamination {
                guard fraction > 0, fraction <= 0.5 else {
                    throw .invalidParameter("contamination must be 'auto' or in (0, 0.5]; got \(fraction).")
                }
            }
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
    }

    /// `threads`, or every active core when nil; see `ForestLimits.maximumThreads`.
    static func resolveThreads(_ threads: Int?) throws(ForestError) -> Int {
        try ForestLimits.resolvedThreads(threads)
    }
}
