/// The growing arrays of one tree, appended node by node.
struct TreeRecorder {
    var nodes: [TreeNode] = []
    var sampleCounts: [Int32] = []
    var weightedSampleCounts: [Float] = []
    var impurities: [Float] = []
    var leafValues: [Double] = []
    var leafCount: Int32 = 0
    let valueWidth: Int
    let featureCount: Int

    init(valueWidth: Int, featureCount: Int) {
        self.valueWidth = valueWidth
        self.featureCount = featureCount
    }

    /// Records the statistics of the node about to be appended.
    mutating func record(sampleCount: Int, summary: (weightedCount: Double, impurity: Double)) {
        sampleCounts.append(Int32(sampleCount))
        weightedSampleCounts.append(Float(summary.weightedCount))
        impurities.append(Float(summary.impurity))
    }

    /// Appends an internal node; its children are attached as they are created.
    mutating func appendSplit(_ split: NodeSplit) {
        nodes.append(TreeNode(feature: split.feature, threshold: split.threshold,
                              missingGoesLeft: split.missingGoesLeft, left: -1, right: -1))
    }

    /// Appends a leaf with the splitter's values for it.
    mutating func appendLeaf<S: TreeSplitter>(
        _ state: consuming S.NodeState, rows: UnsafeBufferPointer<Int32>, splitter: inout S
    ) {
        nodes.append(TreeNode(leafOrdinal: leafCount))
        leafCount += 1
        let before = leafValues.count
        splitter.finishLeaf(state, rows: rows, values: &leafValues)
        precondition(leafValues.count == before + valueWidth, "A splitter must append exactly valueWidth leaf values.")
    }

    mutating func attach(child: Int, to parent: Int, isLeft: Bool) {
        if isLeft { nodes[parent].left = Int32(child) } else { nodes[parent].right = Int32(child) }
    }

    /// The finished tree. Its arrays are copied to exact size: appending left
    /// up to half of each array's capacity unused, which a forest of large
    /// trees would otherwise keep for its lifetime.
    func tree() -> Tree {
        Tree(nodes: nodes.exactlySized(), sampleCounts: sampleCounts.exactlySized(),
             weightedSampleCounts: weightedSampleCounts.exactlySized(), impurities: impurities.exactlySized(),
             leafValues: leafValues.exactlySized(), valueWidth: valueWidth, featureCount: featureCount)
    }
}

extension Array where Element: BitwiseCopyable {
    /// A copy whose capacity is its count.
    func exactlySized() -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            withUnsafeBufferPointer { source in
                if let base = source.baseAddress { buffer.baseAddress!.initialize(from: base, count: source.count) }
            }
            initialized = count
        }
    }
}
