/// Structural checks run after every tree is built in debug builds, like
/// swift-collections' `Heap+Invariants.swift`.
extension Tree {
    /// Traps when the node arrays are inconsistent: a child at or before its
    /// parent, a node with two parents or none, a feature out of range, leaf
    /// ordinals out of order, array lengths that disagree, or children whose sample counts do not add up to the parent's.
    func checkInvariants() {
        let count = nodes.count
        precondition(count >= 1, "A tree has at least its root.")
        precondition(sampleCounts.isEmpty || sampleCounts.count == count,
                     "sampleCounts has \(sampleCounts.count) entries for \(count) nodes.")
        precondition(weightedSampleCounts.isEmpty || weightedSampleCounts.count == count)
        precondition(impurities.isEmpty || impurities.count == count)
        var hasParent = [Bool](repeating: false, count: count)
        hasParent[0] = true
        var nextLeaf: Int32 = 0
        for (index, node) in nodes.enumerated() {
            if node.isLeaf {
                precondition(node.left == -1, "Leaf \(index) has left = \(node.left).")
                precondition(node.right == nextLeaf, "Leaf \(index) has ordinal \(node.right); expected \(nextLeaf).")
                nextLeaf += 1
                continue
            }
            precondition(node.feature < featureCount, "Node \(index) splits on feature \(node.feature) ≥ \(featureCount).")
            precondition(!node.threshold.isNaN, "Node \(index) has a NaN threshold.")
            for child in [Int(node.left), Int(node.right)] {
                precondition(child > index && child < count, "Node \(index) has child \(child) outside \(index + 1)..<\(count).")
                precondition(!hasParent[child], "Node \(child) has two parents.")
                hasParent[child] = true
            }
            precondition(
                sampleCounts.isEmpty || sampleCounts[Int(node.left)] + sampleCounts[Int(node.right)] == sampleCounts[index],
                "Children of node \(index) hold \(sampleCounts[Int(node.left)]) + \(sampleCounts[Int(node.right)]) rows; it holds \(sampleCounts[index]).")
        }
        precondition(hasParent.allSatisfy { $0 }, "Some node has no parent.")
        precondition(leafValues.count == Int(nextLeaf) * valueWidth, "leafValues has \(leafValues.count) values for \(nextLeaf) leaves × \(valueWidth).")
    }
}
