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
    /// below it a scan of 256 bins per feature costs more than sorting the rows.
    var smallNodeRows: Int = 32
    /// Full histograms kept at once for sibling subtraction (memory bound).
    var maxHistograms: Int = 48
}

/// Data shared read-only by all trees of a forest.
struct CARTData<Criterion: SplitCriterion>: Sendable {
    /// The training features, row-major (exact search copies rows from here).
    let x: Matrix<Float>
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
/// of full histograms) → fast (node-ordered data so histograms stream; built
/// only for the sampled features unless sibling subtraction is cheaper; exact
/// search for small nodes, whose rows stay in cache for their whole subtree).
///
/// Features are drawn without replacement until `maxFeatures` non-constant
/// ones have been examined, as scikit-learn does. A node without a valid
/// split (pure, or no candidate keeps `minSamplesLeaf` rows on both sides, or
/// too small an impurity decrease) becomes a leaf. The splitter partitions
/// its node-ordered copies together with the grower's rows (`partition`).
struct CARTSplitter<Criterion: SplitCriterion>: TreeSplitter {
    /// Where a node's data lives in `workspace` (slots are -1 when absent).
    struct NodeState {
        /// Position of the node's first row in the grower's row array.
        var start: Int
        var totals: Int32
        var leftTotals: Int32 = -1
        var rightTotals: Int32 = -1
        /// A full histogram (all features) of the node's rows, or -1.
        var histogram: Int32 = -1
        /// The chosen split sends codes ≤ `splitBin` left; -1 for a split on raw values.
        var splitBin: Int = -1
    }

    let data: CARTData<Criterion>
    let settings: CARTSettings
    let workspace: SplitWorkspace<Criterion.Target>
    var featurePool: [Int]
    var rootWeight = 0.0
    var best = BestSplit()

    var valueWidth: Int { data.criterion.valueWidth }
    var featureCount: Int { data.x.columns }

    /// A splitter for one tree whose rows, in the order the grower receives
    /// them, are `rows`, with `weights[row]` the weight of each training row.
    init(data: CARTData<Criterion>, settings: CARTSettings, rows: [Int32], weights: [Double]) {
        self.data = data
        self.settings = settings
        workspace = SplitWorkspace(
            stride: data.criterion.stride, featureCount: data.x.columns, maxRows: rows.count,
            maxHistograms: settings.maxHistograms, hasBins: data.bins != nil)
        featurePool = Array(0 ..< data.x.columns)
        let featureCount = data.x.columns
        for (position, row) in rows.enumerated() {
            workspace.weights[position] = weights[Int(row)]
            workspace.targets[position] = data.criterion.target(ofRow: Int(row))
        }
        if let bins = data.bins {
            bins.codes.withUnsafeBufferPointer { codes in
                let codeStride = workspace.codeStride
                for (position, row) in rows.enumerated() {
                    (workspace.codes + position * codeStride)
                        .update(from: codes.baseAddress! + Int(row) * featureCount, count: featureCount)
                }
            }
        }
    }

    mutating func rootState(rows: UnsafeBufferPointer<Int32>) -> NodeState {
        let totals = workspace.allocateStats()
        let stats = workspace.statsPointer(totals)
        for position in 0 ..< rows.count {
            data.criterion.accumulate(workspace.targets[position], weight: workspace.weights[position], into: stats)
        }
        rootWeight = stats[1]
        var state = NodeState(start: 0, totals: totals)
        if data.bins != nil, rows.count > settings.smallNodeRows, 2 * settings.maxFeatures >= featureCount {
            state.histogram = workspace.allocateHistogram()
            if state.histogram >= 0 { buildFullHistogram(start: 0, count: rows.count, into: state.histogram) }
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
        let count = rows.count
        if data.criterion.isPure(totals, targets: UnsafeBufferPointer(start: workspace.targets + state.start, count: count)) {
            return nil
        }
        best.reset()
        let useHistograms = data.bins != nil && count > settings.smallNodeRows
        let features = workspace.batchFeatures, targets = workspace.batchTargets
        var examined = 0
        var drawn = 0
        // Features are drawn in batches of the number still needed: each drawn
        // feature adds at most one to `examined`, so this examines exactly the
        // features that drawing one at a time would, while one pass over the
        // rows builds the batch's histograms.
        while drawn < featureCount && examined < settings.maxFeatures {
            let batch = min(settings.maxFeatures - examined, featureCount - drawn)
            for index in 0 ..< batch {
                featurePool.swapAt(drawn, drawn + random.nextIndex(below: featureCount - drawn))
                features[index] = featurePool[drawn]
                drawn += 1
            }
            if useHistograms {
                let occupancy: UnsafeMutablePointer<UInt64>?
                if state.histogram >= 0 {
                    for index in 0 ..< batch { targets[index] = histogram(state.histogram, features[index]) }
                    occupancy = nil
                } else {
                    for index in 0 ..< batch { targets[index] = workspace.scratchHistogram + index * 256 * workspace.stride }
                    // Below 256 rows most bins are empty; tracking the occupied ones pays.
                    occupancy = count < 256 ? workspace.batchOccupancy : nil
                    buildHistograms(count: batch, features: features, targets: targets, start: state.start, rows: count,
                                    occupancy: occupancy)
                }
                for index in 0 ..< batch
                where !scanHistogram(feature: features[index], bins: targets[index], totals: totals,
                                     occupancy: occupancy.map { UnsafePointer($0 + 4 * index) }) {
                    examined += 1
                }
            } else {
                for index in 0 ..< batch
                where !scanExact(feature: features[index], rows: rows, start: state.start, totals: totals) {
                    examined += 1
                }
            }
        }
        guard best.feature >= 0 else { return nil }
        for index in 0 ..< workspace.stride { workspace.bestRight[index] = totals[index] - workspace.bestLeft[index] }
        let criterion = data.criterion
        let weight = totals[1], leftWeight = workspace.bestLeft[1], rightWeight = workspace.bestRight[1]
        let improvement = weight / rootWeight * (criterion.impurity(totals)
            - leftWeight / weight * criterion.impurity(workspace.bestLeft)
            - rightWeight / weight * criterion.impurity(workspace.bestRight))
        guard improvement + Double.ulpOfOne >= settings.minImpurityDecrease else { return nil }
        state.splitBin = best.bin
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
        var leftState = NodeState(start: parent.start, totals: parent.leftTotals)
        var rightState = NodeState(start: parent.start + left.count, totals: parent.rightTotals)
        workspace.releaseStats(parent.totals)
        guard parent.histogram >= 0 else { return (leftState, rightState) }
        let smallIsLeft = left.count <= right.count
        let small = smallIsLeft ? leftState : rightState
        let (smallCount, largeCount) = smallIsLeft ? (left.count, right.count) : (right.count, left.count)
        // Subtraction pays when building the small child's full histogram is
        // cheaper than building the sampled features of both children.
        guard largeCount > settings.smallNodeRows,
              featureCount * smallCount < settings.maxFeatures * (left.count + right.count)
        else {
            workspace.releaseHistogram(parent.histogram)
            return (leftState, rightState)
        }
        let smallSlot = smallCount > settings.smallNodeRows ? workspace.allocateHistogram() : -1
        buildFullHistogram(start: small.start, count: smallCount, into: smallSlot)
        let parentBins = workspace.histogramPointer(parent.histogram)
        let smallBins = smallSlot >= 0 ? workspace.histogramPointer(smallSlot) : workspace.scratchHistogram
        for index in 0 ..< workspace.histogramSize { parentBins[index] -= smallBins[index] }
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
    /// Codes ≤ `bin` go left for a histogram split; -1 for an exact split.
    var bin = -1

    mutating func reset() { self = BestSplit() }
}
