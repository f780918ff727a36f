/// A tree's nodes in level order (breadth-first), the layout Workbench model files store.
///
/// Every split of a tree has two children, so in level order the `k`-th split node's children
/// are at positions `2k + 1` and `2k + 2`: the shape needs no child indices, only which nodes
/// are splits (`features[p] >= 0`). Split data (threshold, NaN direction) is kept per split and
/// leaf values per leaf, each in level order, so nothing is stored for a node that does not use it.
public struct LevelOrderTree: Sendable, Equatable {
    /// The split feature of each node in level order, `-1` at a leaf.
    public var features: [Int32]
    /// The threshold of each split node, in level order: go left iff `Float(x) <= threshold`.
    public var thresholds: [Float]
    /// Whether missing values (NaN) go left, per split node in level order (1: left, 0: right).
    public var missingGoesLeft: [UInt8]
    /// `valueWidth` values per leaf, leaves in level order.
    public var leafValues: [Double]
    /// Training rows per node in level order; empty when not kept (prediction does not need them).
    public var sampleCounts: [Int32]

    /// A level-order tree from its arrays (checked when a `Tree` is built from it).
    public init(features: [Int32], thresholds: [Float], missingGoesLeft: [UInt8], leafValues: [Double], sampleCounts: [Int32]) {
        self.features = features
        self.thresholds = thresholds
        self.missingGoesLeft = missingGoesLeft
        self.leafValues = leafValues
        self.sampleCounts = sampleCounts
    }
}

extension Tree {
    /// The tree in level order, with its sample counts when `withSampleCounts`.
    /// - Complexity: O(nodes).
    public func levelOrder(withSampleCounts: Bool) -> LevelOrderTree {
        let left = leftChildren, right = rightChildren, split = features, threshold = thresholds
        let missing = missingGoesLeft
        var result = LevelOrderTree(features: [], thresholds: [], missingGoesLeft: [], leafValues: [], sampleCounts: [])
        result.features.reserveCapacity(nodeCount)
        var queue = [0]
        queue.reserveCapacity(nodeCount)
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            if left[node] < 0 {
                result.features.append(-1)
                result.leafValues += leafValues(ofNode: node)
            } else {
                result.features.append(split[node])
                result.thresholds.append(threshold[node])
                result.missingGoesLeft.append(missing[node] ? 1 : 0)
                queue.append(Int(left[node]))
                queue.append(Int(right[node]))
            }
            if withSampleCounts { result.sampleCounts.append(sampleCounts[node]) }
        }
        return result
    }

    /// Rebuilds a tree from its level-order arrays, numbering nodes in preorder (left child =
    /// parent + 1), as depth-first growth does: a depth-first tree comes back node for node.
    ///
    /// Checks, in one pass each: `2 · splits + 1` nodes; every split before its children
    /// (the `k`-th split at a position ≤ `2k`, so the shape is a tree, every node reached once);
    /// features in `0 ..< featureCount` (`-1` at leaves); no NaN threshold; array lengths; and,
    /// when sample counts are given, that they are ≥ 0 and add up over children.
    /// - Throws: `ForestError.invalidData` naming the first inconsistency (level-order positions).
    /// - Complexity: O(nodes).
    public init(levelOrder tree: LevelOrderTree, valueWidth: Int, featureCount: Int) throws(ForestError) {
        let count = tree.features.count, splits = tree.thresholds.count
        guard count >= 1, count == 2 * splits + 1 else {
            throw .invalidData("A tree with \(splits) splits needs \(2 * splits + 1) nodes; got \(count).")
        }
        guard featureCount >= 1 else { throw .invalidData("A tree needs featureCount ≥ 1; got \(featureCount).") }
        guard valueWidth >= 0 else { throw .invalidData("valueWidth must be ≥ 0; got \(valueWidth).") }
        guard tree.missingGoesLeft.count == splits else {
            throw .invalidData("Tree has \(splits) splits but \(tree.missingGoesLeft.count) missing-value directions.")
        }
        guard tree.leafValues.count == (splits + 1) * valueWidth else {
            throw .invalidData("Tree has \(splits + 1) leaves × \(valueWidth) values = \((splits + 1) * valueWidth) "
                + "leaf values; got \(tree.leafValues.count).")
        }
        let samples = tree.sampleCounts
        guard samples.isEmpty || samples.count == count else {
            throw .invalidData("Tree array sampleCounts has \(samples.count) entries; expected 0 or \(count).")
        }
        // Rank of each position among the splits (at splits) or among the leaves (at leaves).
        var rank = [Int32](repeating: 0, count: count)
        var splitRank = 0, leafRank = 0
        for position in 0 ..< count {
            let feature = tree.features[position]
            if feature >= 0 {
                guard splitRank < splits else {
                    throw .invalidData("Tree has more split nodes than its \(splits) thresholds.")
                }
                guard position <= 2 * splitRank else {
                    throw .invalidData("Split node \(position) is not followed by its children at \(2 * splitRank + 1) and \(2 * splitRank + 2).")
                }
                guard Int(feature) < featureCount else {
                    throw .invalidData("Node \(position) splits on feature \(feature); expected 0..<\(featureCount).")
                }
                guard !tree.thresholds[splitRank].isNaN else { throw .invalidData("Node \(position) has a NaN threshold.") }
                rank[position] = Int32(splitRank)
                splitRank += 1
            } else {
                guard feature == -1 else {
                    throw .invalidData("Node \(position) has feature \(feature); leaves must have -1.")
                }
                rank[position] = Int32(leafRank)
                leafRank += 1
            }
        }
        guard splitRank == splits else {
            throw .invalidData("Tree has \(splitRank) split nodes but \(splits) thresholds.")
        }
        if !samples.isEmpty {
            for position in 0 ..< count {
                guard samples[position] >= 0 else {
                    throw .invalidData("Node \(position) has sample count \(samples[position]); expected ≥ 0.")
                }
                guard tree.features[position] >= 0 else { continue }
                let left = 2 * Int(rank[position]) + 1
                guard Int(samples[left]) + Int(samples[left + 1]) == Int(samples[position]) else {
                    throw .invalidData("Children of node \(position) hold \(Int(samples[left]) + Int(samples[left + 1])) "
                        + "rows; the node holds \(samples[position]).")
                }
            }
        }
        // Subtree sizes, children first (they follow their parent), give each right child's preorder index.
        var size = [Int32](repeating: 1, count: count)
        for position in stride(from: count - 1, through: 0, by: -1) where tree.features[position] >= 0 {
            let left = 2 * Int(rank[position]) + 1
            size[position] = 1 + size[left] + size[left + 1]
        }
        var nodes: [TreeNode] = []
        nodes.reserveCapacity(count)
        var values: [Double] = []
        values.reserveCapacity(tree.leafValues.count)
        var counts: [Int32] = []
        counts.reserveCapacity(samples.count)
        var stack: [Int32] = [0]
        var leaves: Int32 = 0
        while let top = stack.popLast() {
            let position = Int(top), index = Int32(nodes.count)
            let feature = tree.features[position]
            if feature >= 0 {
                let split = Int(rank[position]), left = 2 * split + 1
                nodes.append(TreeNode(
                    feature: Int(feature), threshold: tree.thresholds[split],
                    missingGoesLeft: tree.missingGoesLeft[split] != 0, left: index + 1, right: index + 1 + size[left]))
                stack.append(Int32(left + 1))
                stack.append(Int32(left))
            } else {
                nodes.append(TreeNode(leafOrdinal: leaves))
                leaves += 1
                let start = Int(rank[position]) * valueWidth
                values.append(contentsOf: tree.leafValues[start ..< start + valueWidth])
            }
            if !samples.isEmpty { counts.append(samples[position]) }
        }
        self.init(
            nodes: nodes, sampleCounts: counts, weightedSampleCounts: [], impurities: [], leafValues: values,
            valueWidth: valueWidth, featureCount: featureCount)
    }
}
