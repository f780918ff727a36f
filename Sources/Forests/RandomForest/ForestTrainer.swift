import NumericCore
import Synchronization

/// Trees of a forest and which training rows each tree saw.
struct TrainedTrees: Sendable {
    /// The trees, in index order.
    var trees: [Tree]
    /// Per tree, a bit set over training rows: bit `r` set iff row `r` was in the tree's sample.
    var inBag: [[UInt64]]
}

/// Trains the trees of a Random Forest (Breiman 2001), one tree per worker at a time.
///
/// Goals, in order: deterministic (tree `t` draws its bootstrap sample and
/// feature choices from `SeededRandom(seed:, stream: t)` only, so the forest
/// is the same for any thread count) → correct → bounded memory (features
/// once as columns and bin codes, per-tree weights and row indices while the
/// tree grows) → fast (one tree per thread; parallelism inside a tree stalls
/// on small machines).
enum ForestTrainer {
    /// Grows `configuration.trees` CART trees.
    /// - Parameters:
    ///   - x: training features, rows × features.
    ///   - criterion: the impurity and the targets.
    ///   - rowWeights: weight of each row before bootstrap (class weights), or empty for 1.
    ///   - progress: told each time a tree is finished.
    static func train<Criterion: SplitCriterion>(
        x: Matrix<Float>, criterion: Criterion, rowWeights: [Double],
        configuration: ForestConfiguration.Validated, progress: TreeProgress? = nil
    ) throws(ForestError) -> TrainedTrees {
        let values = configuration.values
        let rowCount = x.rows
        let maxFeatures = try configuration.resolvedMaxFeatures(featureCount: x.columns)
        let sampleCount = try configuration.resolvedMaxSamples(rowCount: rowCount)
        let threads = configuration.threadCount
        let columns = FeatureColumns(x)
        let bins = values.splitter == .histogram ? FeatureBins(columns: columns, threads: threads) : nil
        let data = CARTData(x: x.storage, featureCount: x.columns, bins: bins, criterion: criterion)
        let settings = CARTSettings(
            maxFeatures: maxFeatures, minSamplesLeaf: values.minSamplesLeaf,
            minImpurityDecrease: values.minImpurityDecrease, method: values.splitter)
        let grower = TreeGrower<CARTSplitter<Criterion>>(
            columns: columns,
            limits: .init(maxDepth: values.maxDepth ?? .max, minSamplesSplit: values.minSamplesSplit,
                          minSamplesLeaf: values.minSamplesLeaf, maxLeafNodes: values.maxLeafNodes))
        let finished = Atomic<Int>(0)
        let results = parallelMap(count: values.trees, threads: threads) { treeIndex -> (Tree, [UInt64]) in
            var random = SeededRandom(seed: values.seed, stream: UInt64(treeIndex))
            var weights = [Double](repeating: 0, count: rowCount)
            if values.bootstrap {
                for _ in 0 ..< sampleCount { weights[random.nextIndex(below: rowCount)] += 1 }
            } else {
                for row in 0 ..< rowCount { weights[row] = 1 }
            }
            var rows: [Int32] = []
            var inBag = [UInt64](repeating: 0, count: (rowCount + 63) / 64)
            for row in 0 ..< rowCount where weights[row] > 0 {
                rows.append(Int32(row))
                inBag[row >> 6] |= 1 << UInt64(row & 63)
                if !rowWeights.isEmpty { weights[row] *= rowWeights[row] }
            }
            var splitter = CARTSplitter(data: data, settings: settings, rows: rows, weights: weights)
            let tree = grower.grow(rows: rows, splitter: &splitter, random: &random)
            if let progress {
                progress(finished.wrappingAdd(1, ordering: .relaxed).newValue, values.trees)
            }
            return (tree, inBag)
        }
        return TrainedTrees(trees: results.map(\.0), inBag: results.map(\.1))
    }

    /// Checks the shape and values shared by both forests' training data.
    static func checkTrainingShape(x: Matrix<Float>, targetCount: Int) throws(ForestError) {
        guard x.rows >= 1 else { throw .invalidData("Training data needs at least 1 row; got 0.") }
        guard x.columns >= 1 else { throw .invalidData("Training data needs at least 1 feature; got 0.") }
        guard x.rows <= Int(Int32.max) else {
            throw .invalidData("Training data may have at most \(Int32.max) rows; got \(x.rows).")
        }
        guard targetCount == x.rows else {
            throw .invalidData("Training data has \(x.rows) rows but \(targetCount) targets.")
        }
    }
}
