import NumericCore

/// How CART searches splits.
public enum SplitMethod: String, Sendable, CaseIterable {
    /// Histograms over quantile bins (≤ 255 per feature) for large nodes, exact
    /// sorted values for small ones: fast, with splits only at bin edges in large nodes.
    case histogram
    /// Sorted exact values at every node, as scikit-learn's `splitter="best"`.
    case exact
}

/// Settings of a CART splitter, already validated.
struct CARTSettings: Sendable {
    /// Features examined per node (non-constant ones count), `1 … featureCount`.
    var maxFeatures: Int
    /// Rows each child must keep.
    var minSamplesLeaf: Int
    /// A split must lower the weighted impurity by at least this (scikit-learn's formula).
    var minImpurityDecrease: Double
    /// Histogram or exact.
    var method: SplitMethod
    /// In histogram mode, nodes with at most this many rows are searched exactly:
    /// there a scan of 256 bins per feature costs more than sorting the rows.
    var smallNodeRows: Int = 384
    /// Full histograms kept at once for sibling subtraction (memory bound).
    var maxHistograms: Int = 48
}

/// Data shared read-only by all trees of a forest.
struct CARTData<Criterion: SplitCriterion>: Sendable {
    let columns: FeatureColumns
    /// Present in histogram mode.
    let bins: FeatureBins?
    let criterion: Criterion
}

/// The CART splitter (Breiman, Friedman, Olshen & Stone 1984) with Random
/// Forest's per-node feature sampling (Breiman 2001).
///
/// Goals, in order: deterministic (features are drawn from the tree's random
/// stream only) → correct (thresholds are midpoints of training values, NaN
/// tried on both sides, as scikit-learn ≥ 1.4) → bounded memory (a fixed pool
/// of full histograms) → fast (histograms for large nodes, built only for the
/// sampled features unless sibling subtraction is cheaper; exact search for
/// small nodes).
///
/// Features are drawn without replacement until `maxFeatures` non-constant
/// ones have been examined, as scikit-learn does. A node without a valid
/// split (pure, or no candidate keeps `minSamplesLeaf` rows on both sides, or
/// too small an impurity decrease) becomes a leaf.
struct CARTSplitter<Criterion: SplitCriterion>: TreeSplitter {
    /// Statistics slots of a node in `workspace` (-1 when absent).
    struct NodeState {
        var totals: Int32
        var leftTotals: Int32 = -1
        var rightTotals: Int32 = -1
        /// A full histogram (all features) of the node's rows, or -1.
        var histogram: Int32 = -1
    }

    let data: CARTData<Criterion>
    let settings: CARTSettings
    /// Weight of each training row in this tree (bootstrap multiplicity × class weight).
    let weights: [Double]
    let workspace: SplitWorkspace
    var featurePool: [Int]
    var rootWeight = 0.0
    var best = BestSplit()

    var valueWidth: Int { data.criterion.valueWidth }
    var featureCount: Int { data.columns.featureCount }

    init(data: CARTData<Criterion>, settings: CARTSettings, weights: [Double], maxRows: Int) {
        self.data = data
        self.settings = settings
        self.weights = weights
        workspace = SplitWorkspace(
            stride: data.criterion.stride, featureCount: data.columns.featureCount,
            maxRows: maxRows, maxHistograms: settings.maxHistograms)
        featurePool = Array(0 ..< data.columns.featureCount)
    }

    mutating func rootState(rows: UnsafeBufferPointer<Int32>) -> NodeState {
        let totals = workspace.allocateStats()
        let stats = workspace.statsPointer(totals)
        for row in rows { data.criterion.accumulate(row: Int(row), weight: weights[Int(row)], into: stats) }
        rootWeight = stats[1]
        var state = NodeState(totals: totals)
        if data.bins != nil, rows.count > settings.smallNodeRows, 2 * settings.maxFeatures >= featureCount {
            state.histogram = workspace.allocateHistogram()
            if state.histogram >= 0 {
                for feature in 0 ..< featureCount {
                    buildHistogram(feature: feature, rows: rows, into: histogram(state.histogram, feature))
                }
            }
        }
        return state
    }

    func summary(of state: NodeState, rows: UnsafeBufferPointer<Int32>) -> (weightedCount: Double, impurity: Double) {
        let stats = workspace.statsPointer(state.totals)
        return (stats[1], data.criterion.impurity(stats))
    }

    mutating func findSplit(
        for node: NodeContext, rows: UnsafeBufferPointer<Int32>, state: inout NodeState,
        random: inout SeededRandom
    ) -> NodeSplit? {
        let totals = workspace.statsPointer(state.totals)
        if data.criterion.isPure(totals, rows: rows) { return nil }
        best.reset()
        let useHistograms = data.bins != nil && rows.count > settings.smallNodeRows
        var examined = 0
        var drawn = 0
        while drawn < featureCount && examined < settings.maxFeatures {
            featurePool.swapAt(drawn, drawn + random.nextIndex(below: featureCount - drawn))
            let feature = featurePool[drawn]
            drawn += 1
            let constant: Bool
            if useHistograms {
                let bins: UnsafeMutablePointer<Double>
                if state.histogram >= 0 {
                    bins = histogram(state.histogram, feature)
                } else {
                    bins = workspace.featureHistogram
                    buildHistogram(feature: feature, rows: rows, into: bins)
                }
                constant = scanHistogram(feature: feature, bins: bins, totals: totals)
            } else {
                constant = scanExact(feature: feature, rows: rows, totals: totals)
            }
            if !constant { examined += 1 }
        }
        guard best.feature >= 0 else { return nil }
        let criterion = data.criterion
        let weight = totals[1], leftWeight = workspace.bestLeft[1], rightWeight = workspace.bestRight[1]
        let improvement = weight / rootWeight * (criterion.impurity(totals)
            - leftWeight / weight * criterion.impurity(workspace.bestLeft)
            - rightWeight / weight * criterion.impurity(workspace.bestRight))
        guard improvement + Double.ulpOfOne >= settings.minImpurityDecrease else { return nil }
        state.leftTotals = workspace.allocateStats()
        state.rightTotals = workspace.allocateStats()
        workspace.statsPointer(state.leftTotals).update(from: workspace.bestLeft, count: workspace.stride)
        workspace.statsPointer(state.rightTotals).update(from: workspace.bestRight, count: workspace.stride)
        return NodeSplit(feature: best.feature, threshold: best.threshold,
                         missingGoesLeft: best.missingGoesLeft, improvement: improvement)
    }

    mutating func childStates(
        of parent: consuming NodeState, split: NodeSplit,
        left: UnsafeBufferPointer<Int32>, right: UnsafeBufferPointer<Int32>
    ) -> (left: NodeState, right: NodeState) {
        var leftState = NodeState(totals: parent.leftTotals)
        var rightState = NodeState(totals: parent.rightTotals)
        workspace.releaseStats(parent.totals)
        guard parent.histogram >= 0 else { return (leftState, rightState) }
        let smallIsLeft = left.count <= right.count
        let (small, large) = smallIsLeft ? (left, right) : (right, left)
        // Subtraction pays when building the small child's full histogram is
        // cheaper than building the sampled features of both children.
        guard large.count > settings.smallNodeRows,
              featureCount * small.count < settings.maxFeatures * (left.count + right.count)
        else {
            workspace.releaseHistogram(parent.histogram)
            return (leftState, rightState)
        }
        let smallSlot = small.count > settings.smallNodeRows ? workspace.allocateHistogram() : -1
        for feature in 0 ..< featureCount {
            let target = smallSlot >= 0 ? histogram(smallSlot, feature) : workspace.featureHistogram
            buildHistogram(feature: feature, rows: small, into: target)
            let parentBins = histogram(parent.histogram, feature)
            for index in 0 ..< 256 * workspace.stride { parentBins[index] -= target[index] }
        }
        if smallIsLeft {
            leftState.histogram = smallSlot
            rightState.histogram = parent.histogram
        } else {
            leftState.histogram = parent.histogram
            rightState.histogram = smallSlot
        }
        return (leftState, rightState)
    }

    mutating func finishLeaf(
        _ state: consuming NodeState, rows: UnsafeBufferPointer<Int32>, values: inout [Double]
    ) {
        data.criterion.appendLeafValues(workspace.statsPointer(state.totals), to: &values)
        workspace.releaseStats(state.totals)
        workspace.releaseStats(state.leftTotals)
        workspace.releaseStats(state.rightTotals)
        workspace.releaseHistogram(state.histogram)
    }

    /// Feature `feature`'s 256 bins inside full histogram `slot`.
    func histogram(_ slot: Int32, _ feature: Int) -> UnsafeMutablePointer<Double> {
        workspace.histogramPointer(slot) + feature * 256 * workspace.stride
    }
}

/// The best candidate found so far in one node.
struct BestSplit {
    var score = -Double.infinity
    var feature = -1
    var threshold: Float = 0
    var missingGoesLeft = false

    mutating func reset() { self = BestSplit() }
}
