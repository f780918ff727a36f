/// Structural checks run after every tree is built in debug builds, like
/// swift-collections' `Heap+Invariants.swift`.
extension Tree {
    /// Traps when the packed nodes are inconsistent: a right child outside the tree or not after
    /// its left subtree, a parent's leaf flags that disagree with its children, a feature out of
    /// range, leaf ordinals out of order, array lengths that disagree, or children whose sample
    /// counts do not add up to the parent's.
    func checkInvariants() {
        let count = nodeCount
        precondition(count >= 1, "A tree has at least its root.")
        precondition(sampleCounts.isEmpty || sampleCounts.count == count,
                     "sampleCounts has \(sampleCounts.count) entries for \(count) nodes.")
        precondition(weightedSampleCounts.isEmpty || weightedSampleCounts.count == count)
        precondition(impurities.isEmpty || impurities.count == count)
        // In preorder a subtree is a run of nodes: a leaf's ends after it, a split's where its right child's does.
        let leaf = leafFlags()
        var leaves = 0
        var subtreeEnd = [Int](repeating: 0, count: count)
        for node in (0 ..< count).reversed() {
            subtreeEnd[node] = leaf[node] ? node + 1 : subtreeEnd[rightChild(of: node)]
        }
        precondition(subtreeEnd[0] == count, "The root's subtree ends at \(subtreeEnd[0]), not at \(count).")
        for node in 0 ..< count {
            if leaf[node] {
                if valueWidth != 1 {
                    precondition(Int(UInt32(truncatingIfNeeded: packed[node])) == leaves,
                                 "Leaf \(node) has ordinal \(UInt32(truncatingIfNeeded: packed[node])); expected \(leaves).")
                }
                leaves += 1
                continue
            }
            let word = packed[node], right = rightChild(of: node)
            precondition(layout.feature(word) < featureCount, "Node \(node) splits on feature \(layout.feature(word)) ≥ \(featureCount).")
            precondition(!PackedNodeLayout.threshold(word).isNaN, "Node \(node) has a NaN threshold.")
            precondition(right == subtreeEnd[node + 1], "Node \(node)'s right child \(right) is not after its left subtree.")
            let high = PackedNodeLayout.high(word)
            precondition((high & layout.leftLeafBit != 0) == leaf[node + 1], "Node \(node)'s left-leaf flag is wrong.")
            precondition((high & layout.rightLeafBit != 0) == leaf[right], "Node \(node)'s right-leaf flag is wrong.")
            precondition(leaf[node + 1] == (right == node + 2), "Node \(node)'s left child is a leaf iff its right child follows it.")
            precondition(
                sampleCounts.isEmpty || sampleCounts[node + 1] + sampleCounts[right] == sampleCounts[node],
                "Children of node \(node) hold \(sampleCounts[node + 1]) + \(sampleCounts[right]) rows; it holds \(sampleCounts[node]).")
        }
        precondition(leaves == leafCount, "The tree has \(leaves) leaves; leafCount is \(leafCount).")
        precondition(separateLeafValues.count == (valueWidth == 1 ? 0 : leaves * valueWidth),
                     "separateLeafValues has \(separateLeafValues.count) values for \(leaves) leaves × \(valueWidth).")
    }
}
