/// The tree as scikit-learn-like parallel arrays, and its reconstruction from them.
///
/// These arrays are what format-2 model files store. Leaves have `-1` in both child
/// arrays and in `features`, and `0` in `thresholds`; a leaf's ordinal (its row
/// in `leafValues`) is the number of leaves before it in node order. Nodes are
/// numbered in preorder; a tree rebuilt from arrays in another order is renumbered.
extension Tree {
    /// The left child of each node (`-1` at leaves), `Int32`.
    public var leftChildren: [Int32] { let leaf = leafFlags(); return (0 ..< nodeCount).map { leaf[$0] ? -1 : Int32($0 + 1) } }

    /// The right child of each node (`-1` at leaves), `Int32`.
    public var rightChildren: [Int32] {
        let leaf = leafFlags()
        return (0 ..< nodeCount).map { leaf[$0] ? -1 : Int32(rightChild(of: $0)) }
    }

    /// The split feature of each node (`-1` at leaves), `Int32`.
    public var features: [Int32] {
        let leaf = leafFlags()
        return (0 ..< nodeCount).map { leaf[$0] ? -1 : Int32(layout.feature(packed[$0])) }
    }

    /// The split threshold of each node (`0` at leaves): go left iff `Float(x) <= threshold`.
    public var thresholds: [Float] {
        let leaf = leafFlags()
        return (0 ..< nodeCount).map { leaf[$0] ? 0 : PackedNodeLayout.threshold(packed[$0]) }
    }

    /// Whether missing values (NaN) go to the left child at each node (`false` at leaves).
    public var missingGoesLeft: [Bool] {
        let leaf = leafFlags()
        return (0 ..< nodeCount).map { !leaf[$0] && layout.missingGoesLeft(packed[$0]) }
    }

    /// Rebuilds a tree from its arrays, as stored in a model file.
    ///
    /// - Parameters:
    ///   - leftChildren, rightChildren: child node indices, `-1` at leaves; a child's index
    ///     must exceed its parent's and every node except the root must have one parent.
    ///   - features: split feature per node in `0 ..< featureCount`, `-1` at leaves.
    ///   - thresholds: split threshold per node; not NaN at internal nodes.
    ///   - missingGoesLeft: NaN direction per node.
    ///   - sampleCounts: training rows per node (≥ 0).
    ///   - weightedSampleCounts, impurities: per node, or empty when not stored.
    ///   - leafValues: `valueWidth` values per leaf, leaves in node order.
    ///   - valueWidth: values per leaf (≥ 0).
    ///   - featureCount: number of input features (1…2²⁶).
    /// - Throws: `ForestError.invalidData` naming the first inconsistency.
    /// - Complexity: O(nodes).
    public init(
        leftChildren: [Int32], rightChildren: [Int32], features: [Int32], thresholds: [Float],
        missingGoesLeft: [Bool], sampleCounts: [Int32], weightedSampleCounts: [Float] = [],
        impurities: [Float] = [], leafValues: [Double], valueWidth: Int, featureCount: Int
    ) throws(ForestError) {
        let count = leftChildren.count
        guard count >= 1 else { throw .invalidData("A tree needs at least 1 node; got 0.") }
        try Self.checkFeatureCount(featureCount)
        guard valueWidth >= 0 else { throw .invalidData("valueWidth must be ≥ 0; got \(valueWidth).") }
        for (name, length) in [
            ("rightChildren", rightChildren.count), ("features", features.count),
            ("thresholds", thresholds.count), ("missingGoesLeft", missingGoesLeft.count),
            ("sampleCounts", sampleCounts.count),
        ] where length != count {
            throw .invalidData("Tree array \(name) has \(length) entries; leftChildren has \(count).")
        }
        for (name, length) in [("weightedSampleCounts", weightedSampleCounts.count), ("impurities", impurities.count)]
        where length != 0 && length != count {
            throw .invalidData("Tree array \(name) has \(length) entries; expected 0 or \(count).")
        }
        var parents = [Int32](repeating: -1, count: count)
        var built: [TreeNode] = []
        built.reserveCapacity(count)
        var leaves: Int32 = 0
        for index in 0 ..< count {
            let left = leftChildren[index], right = rightChildren[index], feature = features[index]
            if left == -1 && right == -1 {
                guard feature == -1 else {
                    throw .invalidData("Leaf node \(index) has feature \(feature); leaves must have -1.")
                }
                built.append(TreeNode(leafOrdinal: leaves))
                leaves += 1
                continue
            }
            guard left != right else { throw .invalidData("Node \(index) has the same left and right child \(left).") }
            for child in [left, right] {
                guard child > index, child < count else {
                    throw .invalidData("Node \(index) has child \(child); children must be in \(index + 1)..<\(count).")
                }
                guard parents[Int(child)] == -1 else {
                    throw .invalidData("Node \(child) has two parents (\(parents[Int(child)]) and \(index)).")
                }
                parents[Int(child)] = Int32(index)
            }
            guard feature >= 0, Int(feature) < featureCount else {
                throw .invalidData("Node \(index) splits on feature \(feature); expected 0..<\(featureCount).")
            }
            guard !thresholds[index].isNaN else { throw .invalidData("Node \(index) has a NaN threshold.") }
            built.append(TreeNode(
                feature: Int(feature), threshold: thresholds[index],
                missingGoesLeft: missingGoesLeft[index], left: left, right: right))
        }
        for index in 1 ..< max(count, 1) where parents[index] == -1 {
            throw .invalidData("Node \(index) has no parent; every node except the root needs one.")
        }
        if let negative = sampleCounts.firstIndex(where: { $0 < 0 }) {
            throw .invalidData("Node \(negative) has sample count \(sampleCounts[negative]); expected ≥ 0.")
        }
        for (index, node) in built.enumerated() where !node.isLeaf {
            let sum = Int(sampleCounts[Int(node.left)]) + Int(sampleCounts[Int(node.right)])
            guard sum == Int(sampleCounts[index]) else {
                throw .invalidData("Children of node \(index) hold \(sum) rows; the node holds \(sampleCounts[index]).")
            }
        }
        guard leafValues.count == Int(leaves) * valueWidth else {
            throw .invalidData(
                "Tree has \(leaves) leaves × \(valueWidth) values = \(Int(leaves) * valueWidth) leaf values; got \(leafValues.count).")
        }
        self.init(
            nodes: built, sampleCounts: sampleCounts, weightedSampleCounts: weightedSampleCounts,
            impurities: impurities, leafValues: leafValues, valueWidth: valueWidth, featureCount: featureCount)
    }
}
