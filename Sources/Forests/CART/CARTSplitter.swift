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
    /// In histogram mode, nodes with at most this many rows are searched exactly
    /// on raw values. Larger nodes use histograms (sparse below `sparseRows`),
    /// which measured faster down to about this size; exact search here keeps
    /// scikit-learn's thresholds (midpoints of the node's own values) where
    /// the rows are few enough for a bin to hold two of them.
    var smallNodeRows: Int = 16
    /// Full histograms kept at once for sibling subtraction (memory bound).
    var maxHistograms: Int = 48
}

/// Data shared read-only by all trees of a forest.
struct CARTData<Criterion: SplitCriterion>: Sendable {
    /// The training features, row-major (`x.storage`; exact search reads rows from here).
    let x: [Float]
    /// Features per row.
    let featureCount: Int
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
    /// Doubles per statistics vector, read from the criterion so that kernels
    /// specialised for a fixed-width criterion (squared error: 3) unroll.
    var stride: Int {
        @inline(__always) get { data.criterion.stride }
    }
    var featureCount: Int { data.featureCount }

    /// A splitter for one tree whose rows, in the order the grower receives
    /// them, are `rows`, with `weights[row]` the weight of each training row.
    init(data: CARTData<Criterion>, settings: CARTSettings, rows: [Int32], weights: [Double]) {
        self.data = data
        self.settings = settings
        workspace = SplitWorkspace(
            stride: data.criterion.stride, featureCount: data.featureCount, maxRows: rows.count,
            maxHistograms: settings.maxHistograms, hasBins: data.bins != nil)
        featurePool = Array(0 ..< data.featureCount)
        let featureCount = data.featureCount
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
        let impurity = data.criterion.impurity(
            stats, targets: UnsafeBufferPointer(start: workspace.targets + state.start, count: rows.count),
            weights: UnsafeBufferPointer(start: workspace.weights + state.start, count: rows.count))
        return (stats[1], impurity)
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
        if count == 2 && settings.minSamplesLeaf == 1 {
            splitPair(rows: rows, start: state.start, random: &random)
        } else {
            searchSampledFeatures(rows: rows, state: state, totals: totals, random: &random)
        }
        guard best.feature >= 0 else { return nil }
        let improvement = improvementOfBest(totals: totals)
        guard improvement + Double.ulpOfOne >= settings.minImpurityDecrease else { return nil }
        state.splitBin = best.bin
        state.leftTotals = workspace.allocateStats()
        state.rightTotals = workspace.allocateStats()
        copyStats(workspace.bestLeft, to: workspace.statsPointer(state.leftTotals), stride)
        copyStats(workspace.bestRight, to: workspace.statsPointer(state.rightTotals), stride)
        return NodeSplit(feature: best.feature, threshold: best.threshold,
                         missingGoesLeft: best.missingGoesLeft, improvement: improvement)
    }

    /// Examines sampled features until `maxFeatures` non-constant ones were
    /// seen, keeping the best candidate in `best`.
    private mutating func searchSampledFeatures(
        rows: UnsafeBufferPointer<Int32>, state: NodeState, totals: UnsafeMutablePointer<Double>,
        random: inout SeededRandom
    ) {
        let count = rows.count
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
                    for index in 0 ..< batch { targets[index] = workspace.scratchHistogram + index * 256 * stride }
                    occupancy = count < Self.sparseRows ? workspace.batchOccupancy : nil
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
    }

    /// Splits a node of two distinct rows: every feature on which they differ
    /// separates them, with the same score, so the first such feature drawn is
    /// the one a full search would keep (ties keep the first).
    private mutating func splitPair(rows: UnsafeBufferPointer<Int32>, start: Int, random: inout SeededRandom) {
        let featureCount = self.featureCount
        data.x.withUnsafeBufferPointer { x in
            let first = x.baseAddress! + Int(rows[0]) * featureCount
            let second = x.baseAddress! + Int(rows[1]) * featureCount
            for drawn in 0 ..< featureCount {
                featurePool.swapAt(drawn, drawn + random.nextIndex(below: featureCount - drawn))
                let feature = featurePool[drawn]
                let a = first[feature], b = second[feature]
                let leftOffset: Int
                if a.isNaN || b.isNaN {
                    guard !(a.isNaN && b.isNaN) else { continue }
                    best.threshold = .infinity
                    leftOffset = a.isNaN ? 1 : 0
                } else {
                    guard a != b else { continue }
                    best.threshold = splitThreshold(below: min(a, b), above: max(a, b))
                    leftOffset = a < b ? 0 : 1
                }
                best.feature = feature
                best.missingGoesLeft = false
                best.bin = -1
                clearStats(workspace.bestLeft, stride)
                data.criterion.accumulate(workspace.targets[start + leftOffset], weight: workspace.weights[start + leftOffset],
                                          into: workspace.bestLeft)
                return
            }
        }
    }

    /// The weighted impurity decrease of `best` (scikit-learn's formula); also fills `workspace.bestRight`.
    private func improvementOfBest(totals: UnsafePointer<Double>) -> Double {
        for index in 0 ..< stride { workspace.bestRight[index] = totals[index] - workspace.bestLeft[index] }
        return data.criterion.weightedDecrease(total: totals, left: workspace.bestLeft, right: workspace.bestRight)
            / rootWeight
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
        // cheaper than building the sampled features of both children, and
        // when the larger child is big enough that its bins are mostly
        // occupied (a sparse build with an occupancy bitmap is cheaper below).
        guard largeCount >= Self.sparseRows,
              featureCount * smallCount < settings.maxFeatures * (left.count + right.count)
        else {
            workspace.releaseHistogram(parent.histogram)
            return (leftState, rightState)
        }
        let smallSlot = smallCount >= Self.sparseRows ? workspace.allocateHistogram() : -1
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

    /// Below this many rows most of a feature's 256 bins are empty, so
    /// histograms are built sparsely (occupancy bitmap) and not kept for subtraction.
    static var sparseRows: Int { 256 }

    /// Feature `feature`'s 256 bins inside full histogram `slot`.
    func histogram(_ slot: Int32, _ feature: Int) -> UnsafeMutablePointer<Double> {
        workspace.histogramPointer(slot) + feature * 256 * stride
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
