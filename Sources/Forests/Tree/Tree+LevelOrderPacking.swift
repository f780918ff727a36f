/// Checking level-order arrays and packing their nodes in preorder: the inner loops of loading
/// a model file, which rebuild millions of nodes.
///
/// Goals, in order: the tree is exactly the stored one → nothing of invalid arrays is used (every
/// feature, shape and threshold checked before a node is packed) → memory: each node is packed
/// once, at its preorder index, straight into the tree's array; per-node working arrays live in a
/// `LevelOrderScratch` that one thread reuses from tree to tree → fast: two sequential passes
/// over the level order, without a branch on whether a node is a split (a coin flip to the branch
/// predictor), reading the features in the width the file stores them.

/// One tree's slices of a model file's level-order arrays, as stored: the loader's way into
/// `Tree(levelOrder:…)` without converting each node first (see `LevelOrderTree` for the layout).
package struct LevelOrderSlices: Sendable {
    /// The split feature of each node, `-1` at a leaf, in the width the file stores.
    package enum Features: Sendable {
        case int8([Int8])
        case int16([Int16])
        case int32([Int32])
    }

    /// The split feature of each node in level order.
    package var features: Features
    /// The threshold of each split in level order.
    package var thresholds: [Float]
    /// Whether NaN goes left, one bit per split, least significant bit first: split `k`'s is bit
    /// `firstMissingBit + k` (a tree's bits need not start on a byte).
    package var missingBits: [UInt8]
    /// The bit of `missingBits` that holds the first split's direction, in `0 ..< 8`.
    package var firstMissingBit: Int
    /// `valueWidth` values per leaf, leaves in level order.
    package var leafValues: [Double]
    /// Training rows per node in level order, or empty.
    package var sampleCounts: [Int32]

    /// A tree's slices (checked when the `Tree` is built).
    package init(
        features: Features, thresholds: [Float], missingBits: [UInt8], firstMissingBit: Int, leafValues: [Double],
        sampleCounts: [Int32]
    ) {
        self.features = features
        self.thresholds = thresholds
        self.missingBits = missingBits
        self.firstMissingBit = firstMissingBit
        self.leafValues = leafValues
        self.sampleCounts = sampleCounts
    }

    /// The number of nodes.
    var count: Int {
        switch features {
        case .int8(let values): values.count
        case .int16(let values): values.count
        case .int32(let values): values.count
        }
    }
}

/// Per-node working arrays of `Tree(levelOrder:…)`, kept by one thread from one tree to the next
/// so that rebuilding a forest does not allocate (and the kernel fault in and zero) fresh pages
/// for every tree. Holds about 9 bytes per node of the largest tree built with it (13 with leaf ordinals).
package struct LevelOrderScratch {
    /// Subtree size per level-order position (two spare entries at the end).
    var size: [Int32] = []
    /// Preorder index per level-order position.
    var order: [Int32] = []
    /// Right subtrees still pending when preorder reaches each position (for leaf ordinals, so
    /// only for trees whose leaves keep their values aside; empty until such a tree is built).
    var pending: [Int32] = []

    /// Empty scratch; it grows to the trees built with it.
    package init() {}

    /// Makes room for a tree of `count` nodes (and the two spare entries the passes read), with
    /// `pending` when the tree's leaf ordinals are needed.
    mutating func reserve(_ count: Int, ordinals: Bool) {
        let capacity = count + 2 + count / 8
        if size.count < count + 2 {
            size = [Int32](repeating: 1, count: capacity)
            order = [Int32](repeating: 0, count: capacity)
        }
        if ordinals && pending.count < count + 2 { pending = [Int32](repeating: 0, count: capacity) }
    }
}

extension Tree {
    /// The parts of a packed tree, as `Tree.init(packed:…)` takes them.
    typealias PackedParts = (
        packed: [UInt64], layout: PackedNodeLayout, farRightChildren: [Int32: Int32], separateLeafValues: [Double], counts: [Int32]
    )

    /// Checks level-order arrays and packs their nodes in preorder (see `init(levelOrder:…)`).
    ///
    /// The caller has checked the array lengths: `features.count == 2 · thresholds.count + 1`,
    /// `valueWidth` values per leaf, a missing-value bit per split, no or one sample count per node.
    ///
    /// Two passes over the level order, no walk. Children first: check each node and take its
    /// subtree size; the `k`-th split must lie at a position ≤ `2k` (before its children), which
    /// with the split count makes the shape a tree. Then, parents first: each node's preorder
    /// index (left child = parent + 1, right child = parent + 1 + the left subtree's size) and its
    /// leaf ordinal `(preorder − r) / 2`, where `r` counts the ancestors whose left subtree holds
    /// the node (the right subtrees still pending when preorder reaches it). Whether a child is a
    /// leaf is whether its subtree size is 1. A leaf computes what a split would (its writes go to
    /// the slots of the next split's children, which that split overwrites before they are read;
    /// its reads are of entries that exist) and keeps what a leaf needs, so the passes do not
    /// branch on the node's kind.
    static func packLevelOrder<Feature: FixedWidthInteger & SignedInteger>(
        features: UnsafeBufferPointer<Feature>, thresholds: UnsafeBufferPointer<Float>,
        missingBits: UnsafeBufferPointer<UInt8>, firstMissingBit: Int, leafValues: UnsafeBufferPointer<Double>,
        samples: UnsafeBufferPointer<Int32>, valueWidth: Int, featureCount: Int, scratch: inout LevelOrderScratch
    ) throws(ForestError) -> PackedParts {
        let count = features.count, splits = thresholds.count
        let separate = valueWidth != 1
        scratch.reserve(count, ordinals: separate)
        let layout = PackedNodeLayout(featureCount: featureCount)
        let invalid = scratch.size.withUnsafeMutableBufferPointer { size in
            // Children first. A node's split rank counts down from the thresholds' count; a leaf
            // reads a pair of sizes (clamped into the array) it does not use.
            var invalid = 0, split = splits, position = count
            while position > 0 {
                position &-= 1
                let feature = Int(features[position])
                let isSplit = feature >= 0 ? 1 : 0
                split &-= isSplit
                // feature + 1 in 0 ... featureCount, as one unsigned comparison.
                invalid |= (UInt(bitPattern: feature &+ 1) > UInt(featureCount) ? 1 : 0)
                    | (isSplit & (position > 2 &* split ? 1 : 0))
                // A negative rank (more splits than thresholds) clamps to `count` as well.
                let left = Int(min(UInt(bitPattern: 2 &* split &+ 1), UInt(count)))
                // 1 + both children's sizes at a split, 1 at a leaf: masked, not selected, as the
                // compiler turns a select between a sum of loads and a constant into a branch.
                let children = (size[left] &+ size[left &+ 1]) & Int32(truncatingIfNeeded: 0 &- isSplit)
                size[position] = 1 &+ children
            }
            for threshold in thresholds { invalid |= threshold.isNaN ? 1 : 0 }
            return invalid != 0 || split != 0
        }
        if invalid { try firstProblem(features: features, thresholds: thresholds, featureCount: featureCount) }
        if !samples.isEmpty { try checkSampleCounts(samples, features: features) }
        var farRightChildren: [Int32: Int32] = [:]
        let packed = [UInt64](unsafeUninitializedCapacity: count) { nodes, initialized in
            scratch.size.withUnsafeBufferPointer { size in
                scratch.order.withUnsafeMutableBufferPointer { order in
                    scratch.pending.withUnsafeMutableBufferPointer { pending in
                        farRightChildren = packNodes(
                            features: features, thresholds: thresholds, missingBits: missingBits,
                            firstMissingBit: firstMissingBit, leafValues: leafValues, layout: layout,
                            separate: separate, size: size, order: order, pending: pending, nodes: nodes)
                    }
                }
            }
            initialized = count
        }
        var values: [Double] = []
        if separate {
            // Leaf values in leaf-ordinal order, a row of `valueWidth` per leaf.
            values = [Double](unsafeUninitializedCapacity: leafValues.count) { values, written in
                var leaf = 0
                for position in 0 ..< count where features[position] < 0 {
                    let ordinal = Int((scratch.order[position] &- scratch.pending[position]) / 2)
                    for offset in 0 ..< valueWidth {
                        values.initializeElement(at: ordinal * valueWidth + offset, to: leafValues[leaf * valueWidth + offset])
                    }
                    leaf += 1
                }
                written = leafValues.count
            }
        }
        var counts: [Int32] = []
        if !samples.isEmpty {
            counts = [Int32](unsafeUninitializedCapacity: count) { counts, initialized in
                for position in 0 ..< count { counts.initializeElement(at: Int(scratch.order[position]), to: samples[position]) }
                initialized = count
            }
        }
        return (packed, layout, farRightChildren, values, counts)
    }

    /// The second pass of `packLevelOrder`: each node's preorder index and packed word, and right children too far for a split's bits (returned). Buffers come by value,
    /// not captured `inout`, so that a store through one does not make the compiler reload the others.
    private static func packNodes<Feature: FixedWidthInteger & SignedInteger>(
        features: UnsafeBufferPointer<Feature>, thresholds: UnsafeBufferPointer<Float>,
        missingBits: UnsafeBufferPointer<UInt8>, firstMissingBit: Int, leafValues: UnsafeBufferPointer<Double>,
        layout: PackedNodeLayout, separate: Bool, size: UnsafeBufferPointer<Int32>,
        order: UnsafeMutableBufferPointer<Int32>, pending: UnsafeMutableBufferPointer<Int32>,
        nodes: UnsafeMutableBufferPointer<UInt64>
    ) -> [Int32: Int32] {
        let count = features.count, splits = thresholds.count
        let limit = layout.distanceLimit
        let leftLeafBit = UInt64(layout.leftLeafBit) << 32, rightLeafBit = UInt64(layout.rightLeafBit) << 32
        var farRightChildren: [Int32: Int32] = [:]
        order[0] = 0
        if separate { pending[0] = 0 }
        var split = 0, leaf = 0
        for position in 0 ..< count {
            let index = order[position]
            let feature = Int(features[position])
            // 1 at a leaf (feature −1), 0 at a split: used as a number and a mask, since the
            // compiler turns a Bool into branches here.
            let isLeaf = Int(UInt(bitPattern: feature) >> (UInt.bitWidth - 1))
            let left = 2 &* split &+ 1
            let leftSize = size[left]
            let right = index &+ 1 &+ leftSize
            order[left] = index &+ 1
            order[left &+ 1] = right
            if separate {
                pending[left] = pending[position] &+ 1
                pending[left &+ 1] = pending[position]
            }
            let distance = 1 &+ Int(leftSize)
            var word: UInt64 = 0
            if split < splits {
                let bit = firstMissingBit &+ split
                word = layout.split(
                    feature: feature, threshold: thresholds[split],
                    missingGoesLeft: (missingBits[bit >> 3] >> UInt8(bit & 7)) & 1 != 0,
                    leftIsLeaf: false, rightIsLeaf: false, distance: distance)
                word |= leftLeafBit & (0 &- UInt64(leftSize == 1 ? 1 : 0))
                word |= rightLeafBit & (0 &- UInt64(size[left &+ 1] == 1 ? 1 : 0))
            }
            let leafWord = separate ? UInt64(UInt32(truncatingIfNeeded: (index &- pending[position]) / 2))
                : leafValues[leaf].bitPattern
            let leafMask = 0 &- UInt64(isLeaf)
            nodes.initializeElement(at: Int(index), to: word & ~leafMask | leafWord & leafMask)
            if distance > limit && isLeaf == 0 { farRightChildren[index] = right }
            split &+= 1 &- isLeaf
            leaf &+= isLeaf
        }
        return farRightChildren
    }

    /// Checks that sample counts are ≥ 0 and add up over each split's children.
    private static func checkSampleCounts<Feature: FixedWidthInteger & SignedInteger>(
        _ samples: UnsafeBufferPointer<Int32>, features: UnsafeBufferPointer<Feature>
    ) throws(ForestError) {
        var split = 0
        for position in 0 ..< features.count {
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

    /// Throws the first problem of level-order arrays that failed the branch-free check.
    private static func firstProblem<Feature: FixedWidthInteger & SignedInteger>(
        features: UnsafeBufferPointer<Feature>, thresholds: UnsafeBufferPointer<Float>, featureCount: Int
    ) throws(ForestError) {
        let splits = thresholds.count
        var splitRank = 0
        for position in 0 ..< features.count {
            let feature = Int(features[position])
            if feature >= 0 {
                guard splitRank < splits else {
                    throw .invalidData("Tree has more split nodes than its \(splits) thresholds.")
                }
                guard position <= 2 * splitRank else {
                    throw .invalidData("Split node \(position) is not followed by its children at \(2 * splitRank + 1) and \(2 * splitRank + 2).")
                }
                guard feature < featureCount else {
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
