import NumericCore

/// Isolation Forest (Liu, Ting & Zhou, ICDM 2008; TKDD 2012): anomalies are
/// the rows that random axis-parallel splits isolate in few steps.
///
/// Each tree is a shared-core `Tree` grown by `IsolationSplitter` on ψ rows:
/// a row goes left iff `Float(x[feature]) <= threshold`, a NaN value goes
/// left iff `missingGoesLeft` (a coin flip where training saw NaN at that
/// node, otherwise the larger child). Every leaf holds one value, its path
/// length `h = depth + c(sampleCounts[leaf])` with root depth 0, so
///
///     score(x) = 2^(−(Σ_t h_t(x)) / (trees · c(ψ)))
///
/// with the sum taken over trees in order from 0.0 in double precision; this
/// equals scikit-learn's `−score_samples`. Scores lie in (0, 1]; higher is
/// more anomalous. `offset` is scikit-learn's `offset_`: its `predict` flags a
/// row iff `score > −offset`; alert levels on the scores live with the model's
/// metadata, not here.
public struct IsolationForest: Sendable {
    /// The isolation trees; each leaf's single value is its path length `h`.
    public let trees: [Tree]
    /// Number of features a row must have; trees split on global feature indices.
    public let featureCount: Int
    /// ψ, the rows each tree was drawn from (before duplicates of a bootstrap draw were merged).
    public let sampleSize: Int
    /// The hyperparameters the forest was grown with.
    public let configuration: ValidatedConfiguration
    /// scikit-learn's `offset_`, set by `fit` from `contamination`: −0.5 for `.auto`, else
    /// minus the training-score quantile that `contamination` flags (see `offset(for:trainingScores:)`).
    public internal(set) var offset: Double

    /// The trees rearranged for lockstep scoring; derived, not stored.
    let layout: AxisPathLayout
    /// The cells no split tells apart, so repeated rows are scored once; nil when the trees split
    /// on too many features to key a cell in 64 bits. Derived, not stored.
    let cells: IsolationCells?

    /// `c(ψ)`, the divisor of the mean path length: stored in model files so readers need no logarithm.
    public var pathLengthNormaliser: Double { IsolationPathLength.average(sampleSize) }

    /// Rebuilds a model from its trees (as a model file stores them), checking that they fit together.
    ///
    /// - Parameters:
    ///   - trees: at least one tree over `featureCount` features, each with one leaf value
    ///     equal to `Double(depth) + c(sampleCounts[leaf])`.
    ///   - featureCount: features per row (≥ 1).
    ///   - sampleSize: ψ (≥ 1, and ≥ every root's sample count).
    ///   - configuration: the hyperparameters the trees were grown with.
    ///   - offset: scikit-learn's `offset_`, finite; default −0.5 (`contamination` `.auto`).
    /// - Throws: `ForestError.invalidData` naming the first tree or leaf that does not fit.
    /// - Complexity: O(nodes).
    public init(
        trees: [Tree], featureCount: Int, sampleSize: Int, configuration: ValidatedConfiguration, offset: Double = -0.5
    ) throws(ForestError) {
        guard offset.isFinite else {
            throw .invalidData("offset must be a finite number; got \(offset).")
        }
        guard !trees.isEmpty else {
            throw .invalidData("an isolation forest needs at least 1 tree; got 0.")
        }
        guard featureCount >= 1, sampleSize >= 1 else {
            throw .invalidData("featureCount and sampleSize must be ≥ 1; got \(featureCount) and \(sampleSize).")
        }
        for (index, tree) in trees.enumerated() {
            guard tree.featureCount == featureCount, tree.valueWidth == 1 else {
                throw .invalidData(
                    "tree \(index) has \(tree.featureCount) features and \(tree.valueWidth) values per leaf; expected \(featureCount) and 1.")
            }
            guard Int(tree.sampleCounts[0]) <= sampleSize else {
                throw .invalidData("tree \(index) was grown on \(tree.sampleCounts[0]) rows; sampleSize is \(sampleSize).")
            }
            let depths = tree.nodeDepths()
            let leaves = tree.leafFlags()
            for node in 0 ..< tree.nodeCount where leaves[node] {
                let expected = IsolationSplitter.pathLength(depth: Int(depths[node]), samples: Int(tree.sampleCounts[node]))
                let stored = tree.leafValues(ofNode: node).first!
                guard stored == expected else {
                    throw .invalidData(
                        "tree \(index) leaf \(node) stores path length \(stored); depth \(depths[node]) and \(tree.sampleCounts[node]) rows give \(expected).")
                }
            }
        }
        self.trees = trees
        self.featureCount = featureCount
        self.sampleSize = sampleSize
        self.configuration = configuration
        self.offset = offset
        self.layout = AxisPathLayout(trees: trees)
        self.cells = IsolationCells(trees: trees, featureCount: featureCount)
    }
}
