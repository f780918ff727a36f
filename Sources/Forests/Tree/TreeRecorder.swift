/// The growing arrays of one tree, appended node by node.
struct TreeRecorder {
    var nodes: [TreeNode] = []
    var sampleCounts: [Int32] = []
    var weightedSampleCounts: [Double] = []
    var impurities: [Double] = []
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
        weightedSampleCounts.append(summary.weightedCount)
        impurities.append(summary.impurity)
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

    func tree() -> Tree {
        Tree(nodes: nodes, sampleCounts: sampleCounts, weightedSampleCounts: weightedSampleCounts,
             impurities: impurities, leafValues: leafValues, valueWidth: valueWidth, featureCount: featureCount)
    }
}
