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
        var result = LevelOrderTree(features: [], thresholds: [], missingGoesLeft: [], leafValues: [], sampleCounts: [])
        result.features.reserveCapacity(nodeCount)
        result.thresholds.reserveCapacity(nodeCount / 2)
        result.missingGoesLeft.reserveCapacity(nodeCount / 2)
        result.leafValues.reserveCapacity(leafCount * valueWidth)
        let leaf = leafFlags()
        var queue = [0]
        queue.reserveCapacity(nodeCount)
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            let word = packed[node]
            if leaf[node] {
                result.features.append(-1)
                if valueWidth == 1 {
                    result.leafValues.append(Double(bitPattern: word))
                } else {
                    let start = Int(UInt32(truncatingIfNeeded: word)) * valueWidth
                    result.leafValues += separateLeafValues[start ..< start + valueWidth]
                }
            } else {
                result.features.append(Int32(layout.feature(word)))
                result.thresholds.append(PackedNodeLayout.threshold(word))
                result.missingGoesLeft.append(layout.missingGoesLeft(word) ? 1 : 0)
                queue.append(node + 1)
                queue.append(rightChild(of: node))
            }
            if withSampleCounts { result.sampleCounts.append(sampleCounts[node]) }
        }
        return result
    }

    /// Rebuilds a tree from its level-order arrays, numbering nodes in preorder (left child =
    /// parent + 1), as every tree does: a tree comes back node for node.
    ///
    /// Checks: `2 · splits + 1` nodes; every split before its children (the `k`-th split at a
    /// position ≤ `2k`, so the shape is a tree, every node reached once); features in
    /// `0 ..< featureCount` (`-1` at leaves); no NaN threshold; array lengths; and, when sample
    /// counts are given, that they are ≥ 0 and add up over children.
    /// - Throws: `ForestError.invalidData` naming the first inconsistency (level-order positions).
    /// - Complexity: O(nodes).
    public init(levelOrder tree: LevelOrderTree, valueWidth: Int, featureCount: Int) throws(ForestError) {
        let splits = tree.thresholds.count
        try Self.checkNodeCount(tree.features.count, splits: splits)
        guard tree.missingGoesLeft.count == splits else {
            throw .invalidData("Tree has \(splits) splits but \(tree.missingGoesLeft.count) missing-value directions.")
        }
        var bits = [UInt8](repeating: 0, count: (splits + 7) / 8)
        for (split, left) in tree.missingGoesLeft.enumerated() where left != 0 { bits[split >> 3] |= 1 << UInt8(split & 7) }
        var scratch = LevelOrderScratch()
        try self.init(
            levelOrder: LevelOrderSlices(
                features: .int32(tree.features), thresholds: tree.thresholds, missingBits: bits, firstMissingBit: 0,
                leafValues: tree.leafValues, sampleCounts: tree.sampleCounts),
            valueWidth: valueWidth, featureCount: featureCount, scratch: &scratch)
    }

    /// Rebuilds a tree from one tree's slices of a model file's level-order arrays, as
    /// `init(levelOrder:valueWidth:featureCount:)` does, with the per-node working arrays of
    /// `scratch` (reuse one per thread across the trees of a forest).
    /// - Throws: `ForestError.invalidData` naming the first inconsistency (level-order positions).
    /// - Complexity: O(nodes).
    package init(
        levelOrder tree: LevelOrderSlices, valueWidth: Int, featureCount: Int, scratch: inout LevelOrderScratch
    ) throws(ForestError) {
        let count = tree.count, splits = tree.thresholds.count
        try Self.checkNodeCount(count, splits: splits)
        try Self.checkFeatureCount(featureCount)
        guard valueWidth >= 0 else { throw .invalidData("valueWidth must be ≥ 0; got \(valueWidth).") }
        guard (0 ..< 8).contains(tree.firstMissingBit) else {
            throw .invalidData("A tree's first missing-value bit must be in 0..<8; got \(tree.firstMissingBit).")
        }
        let bytes = (tree.firstMissingBit + splits + 7) / 8
        guard tree.missingBits.count == bytes else {
            throw .invalidData("Tree has \(splits) splits, whose missing-value directions from bit \(tree.firstMissingBit) "
                + "take \(bytes) bytes; got \(tree.missingBits.count).")
        }
        guard tree.leafValues.count == (splits + 1) * valueWidth else {
            throw .invalidData("Tree has \(splits + 1) leaves × \(valueWidth) values = \((splits + 1) * valueWidth) "
                + "leaf values; got \(tree.leafValues.count).")
        }
        guard tree.sampleCounts.isEmpty || tree.sampleCounts.count == count else {
            throw .invalidData("Tree array sampleCounts has \(tree.sampleCounts.count) entries; expected 0 or \(count).")
        }
        let built = switch tree.features {
        case .int8(let features): try Self.packLevelOrder(features, of: tree, valueWidth, featureCount, &scratch)
        case .int16(let features): try Self.packLevelOrder(features, of: tree, valueWidth, featureCount, &scratch)
        case .int32(let features): try Self.packLevelOrder(features, of: tree, valueWidth, featureCount, &scratch)
        }
        self.init(
            packed: built.packed, layout: built.layout, farRightChildren: built.farRightChildren,
            separateLeafValues: built.separateLeafValues, sampleCounts: built.counts,
            weightedSampleCounts: [], impurities: [], valueWidth: valueWidth, featureCount: featureCount,
            leafCount: splits + 1)
    }

    /// Checks that a tree of `splits` splits has `2 · splits + 1` nodes.
    private static func checkNodeCount(_ count: Int, splits: Int) throws(ForestError) {
        guard count >= 1, count == 2 * splits + 1 else {
            throw .invalidData("A tree with \(splits) splits needs \(2 * splits + 1) nodes; got \(count).")
        }
    }

    /// `packLevelOrder` over the buffers of `features` and `tree`'s other arrays.
    private static func packLevelOrder<Feature: FixedWidthInteger & SignedInteger>(
        _ features: [Feature], of tree: LevelOrderSlices, _ valueWidth: Int, _ featureCount: Int,
        _ scratch: inout LevelOrderScratch
    ) throws(ForestError) -> PackedParts {
        // Loading a model file rebuilds millions of nodes: the passes read through buffer
        // pointers so that no array is retained or bounds-checked per node.
        try features.withUnsafeBufferPointer { (features) throws(ForestError) in
            try tree.thresholds.withUnsafeBufferPointer { (thresholds) throws(ForestError) in
                try tree.missingBits.withUnsafeBufferPointer { (missingBits) throws(ForestError) in
                    try tree.leafValues.withUnsafeBufferPointer { (leafValues) throws(ForestError) in
                        try tree.sampleCounts.withUnsafeBufferPointer { (samples) throws(ForestError) in
                            try packLevelOrder(
                                features: features, thresholds: thresholds, missingBits: missingBits,
                                firstMissingBit: tree.firstMissingBit, leafValues: leafValues, samples: samples,
                                valueWidth: valueWidth, featureCount: featureCount, scratch: &scratch)
                        }
                    }
                }
            }
        }
    }
}
