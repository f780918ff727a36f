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
        var queue = [0]
        queue.reserveCapacity(nodeCount)
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            let word = packed[node]
            if isLeaf(node) {
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
        try Self.checkFeatureCount(featureCount)
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
        // Loading a model file rebuilds millions of nodes here: the loops read through buffer
        // pointers so that no array is retained or bounds-checked per node.
        let built = try tree.features.withUnsafeBufferPointer { (features) throws(ForestError) in
            try tree.thresholds.withUnsafeBufferPointer { (thresholds) throws(ForestError) in
                try Self.preorder(
                    features: features, thresholds: thresholds, missing: tree.missingGoesLeft,
                    leafValues: tree.leafValues, samples: samples, valueWidth: valueWidth, featureCount: featureCount)
            }
        }
        self.init(
            packed: built.packed, layout: built.layout, farRightChildren: built.farRightChildren,
            leafFlags: built.leafFlags, separateLeafValues: built.separateLeafValues, sampleCounts: built.counts,
            weightedSampleCounts: [], impurities: [], valueWidth: valueWidth, featureCount: featureCount,
            leafCount: splits + 1)
    }

    /// Checks level-order arrays and packs their nodes in preorder (see `init(levelOrder:…)`).
    ///
    /// Three sequential passes over the level order, no walk: check; subtree sizes, children
    /// first; then, parents first, each node's preorder index (left child = parent + 1, right child
    /// = parent + 1 + the left subtree's size) and its leaf ordinal `(preorder − r) / 2`, where `r`
    /// counts the ancestors whose left subtree holds the node (the right subtrees still pending
    /// when preorder reaches it). Each node is packed once, at its preorder index, straight into
    /// the tree's array: a model file's node data is never held in a second layout.
    private static func preorder(
        features: UnsafeBufferPointer<Int32>, thresholds: UnsafeBufferPointer<Float>, missing: [UInt8],
        leafValues: [Double], samples: [Int32], valueWidth: Int, featureCount: Int
    ) throws(ForestError) -> (
        packed: [UInt64], layout: PackedNodeLayout, farRightChildren: [Int32: Int32], leafFlags: [UInt64],
        separateLeafValues: [Double], counts: [Int32]
    ) {
        let count = features.count, splits = thresholds.count
        // Checked without a branch per node (whether a node is a split is a coin flip to the
        // branch predictor); the slow loop below runs only to name the first problem.
        var invalid = 0, splitRank = 0
        for position in 0 ..< count {
            let feature = Int(features[position])
            let split = feature >= 0 ? 1 : 0
            invalid |= (feature < -1 ? 1 : 0) | (feature >= featureCount ? 1 : 0) | (split & (position > 2 * splitRank ? 1 : 0))
            splitRank &+= split
        }
        for threshold in thresholds { invalid |= threshold.isNaN ? 1 : 0 }
        if invalid != 0 || splitRank != splits {
            try firstProblem(features: features, thresholds: thresholds, featureCount: featureCount)
        }
        if !samples.isEmpty {
            var split = 0
            for position in 0 ..< count {
                guard samples[position] >= 0 else {
                    throw .invalidData("Node \(position) has sample count \(samples[position]); expected ≥ 0.")
                }
                guard features[position] >= 0 else { continue }
                let left = 2 * split + 1
                split += 1
                guard Int(samples[left]) + Int(samples[left + 1]) == Int(samples[position]) else {
                    throw .invalidData("Children of node \(position) hold \(Int(samples[left]) + Int(samples[left + 1])) "
                        + "rows; the node holds \(samples[position]).")
                }
            }
        }
        var size = [Int32](repeating: 1, count: count)
        var order = [Int32](repeating: 0, count: count)
        var pending = [Int32](repeating: 0, count: count)
        var counts = samples.isEmpty ? [] : [Int32](repeating: 0, count: count)
        let layout = PackedNodeLayout(featureCount: featureCount)
        let limit = layout.distanceLimit
        let separate = valueWidth != 1
        var packed: [UInt64] = []
        var values: [Double] = []
        var leafFlags = [UInt64](repeating: 0, count: (count + 63) / 64)
        var farRightChildren: [Int32: Int32] = [:]
        size.withUnsafeMutableBufferPointer { size in
            // Children first; a leaf reads a (clamped) pair it does not use, to stay branch-free.
            var split = splits
            for position in stride(from: count - 1, through: 0, by: -1) where count > 1 {
                let isSplit = features[position] >= 0
                split &-= isSplit ? 1 : 0
                let left = min(2 * split + 1, count - 2)
                let subtree = 1 &+ size[left] &+ size[left + 1]
                size[position] = isSplit ? subtree : 1
            }
        }
        packed = [UInt64](unsafeUninitializedCapacity: count) { nodes, initialized in
            values = [Double](unsafeUninitializedCapacity: separate ? leafValues.count : 0) { values, written in
                size.withUnsafeBufferPointer { size in
                    order.withUnsafeMutableBufferPointer { order in
                        pending.withUnsafeMutableBufferPointer { pending in
                            missing.withUnsafeBufferPointer { missing in
                                leafValues.withUnsafeBufferPointer { leafValues in
                                    leafFlags.withUnsafeMutableBufferPointer { leafFlags in
                                        var split = 0, leaf = 0
                                        for position in 0 ..< count {
                                            let index = order[position]
                                            let feature = features[position]
                                            if feature >= 0 {
                                                let left = 2 * split + 1
                                                order[left] = index &+ 1
                                                order[left + 1] = index &+ 1 &+ size[left]
                                                pending[left] = pending[position] &+ 1
                                                pending[left + 1] = pending[position]
                                                let distance = 1 + Int(size[left])
                                                nodes.initializeElement(at: Int(index), to: layout.split(
                                                    feature: Int(feature), threshold: thresholds[split],
                                                    missingGoesLeft: missing[split] != 0, leftIsLeaf: features[left] < 0,
                                                    rightIsLeaf: features[left + 1] < 0, distance: distance))
                                                if distance > limit { farRightChildren[index] = order[left + 1] }
                                                split += 1
                                            } else {
                                                let ordinal = Int((index &- pending[position]) / 2)
                                                leafFlags[Int(index) >> 6] |= 1 << UInt64(index & 63)
                                                let source = leafValues.baseAddress.map { $0 + leaf * valueWidth }
                                                if separate {
                                                    nodes.initializeElement(at: Int(index), to: UInt64(UInt32(ordinal)))
                                                    for offset in 0 ..< valueWidth {
                                                        values.initializeElement(
                                                            at: ordinal * valueWidth + offset, to: source![offset])
                                                    }
                                                } else {
                                                    nodes.initializeElement(at: Int(index), to: source!.pointee.bitPattern)
                                                }
                                                leaf += 1
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                written = separate ? leafValues.count : 0
            }
            initialized = count
        }
        if !samples.isEmpty {
            for position in 0 ..< count { counts[Int(order[position])] = samples[position] }
        }
        return (packed, layout, farRightChildren, leafFlags, values, counts)
    }

    /// Throws the first problem of level-order arrays that failed the branch-free check.
    private static func firstProblem(
        features: UnsafeBufferPointer<Int32>, thresholds: UnsafeBufferPointer<Float>, featureCount: Int
    ) throws(ForestError) {
        let splits = thresholds.count
        var splitRank = 0
        for position in 0 ..< features.count {
            let feature = features[position]
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
                guard !thresholds[splitRank].isNaN else { throw .invalidData("Node \(position) has a NaN threshold.") }
                splitRank += 1
            } else if feature != -1 {
                throw .invalidData("Node \(position) has feature \(feature); leaves must have -1.")
            }
        }
        throw .invalidData("Tree has \(splitRank) split nodes but \(splits) thresholds.")
    }
}
