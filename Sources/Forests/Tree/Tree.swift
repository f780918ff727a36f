import NumericCore

/// A binary decision tree, like scikit-learn's `tree_`, in 8-byte nodes.
///
/// Node `0` is the root and nodes are numbered in preorder: a split's left child is the next
/// node. A row goes to the left child of a split iff `Float(x[feature]) <= threshold`, or, when
/// the value is missing (NaN), iff `missingGoesLeft` is set for that split. Thresholds are
/// `Float` and are the largest `Float` not above the midpoint of the two training values they
/// separate, so this rule reproduces the training partition exactly and equals scikit-learn's
/// `float32(x) <= float64(midpoint)` for every input.
///
/// Leaves are numbered 0, 1, … in node order (their *ordinal*); each holds `valueWidth` values:
/// class fractions (classifier), the mean target (regressor), the path length (isolation tree).
/// Nodes are packed as `PackedNodeLayout` says, one value per leaf inside the leaf's node, so
/// prediction reads one array and a loaded forest takes about 8 bytes a node.
public struct Tree: Sendable, Equatable {
    /// The nodes in preorder, packed as `layout` says.
    @usableFromInline var packed: [UInt64]
    /// How `packed` holds each split.
    @usableFromInline let layout: PackedNodeLayout
    /// Right children of splits whose distance does not fit `layout`'s bits, by split position;
    /// empty unless a subtree has more nodes than `layout.distanceLimit`.
    @usableFromInline var farRightChildren: [Int32: Int32]
    /// Leaf values kept outside the nodes (`valueWidth` per leaf, by ordinal) when a leaf has
    /// other than one value; empty when `valueWidth == 1`.
    @usableFromInline var separateLeafValues: [Double]
    /// Training rows (distinct rows, bootstrap copies counted once) that reached each node;
    /// empty when the tree was rebuilt without them (Random Forest model files do not store them).
    public internal(set) var sampleCounts: [Int32]
    /// Weighted training rows at each node (bootstrap multiplicity × class weight),
    /// `Float` to keep large forests small (exact for bootstrap counts below 2²⁴);
    /// empty when the tree was rebuilt without them.
    public internal(set) var weightedSampleCounts: [Float]
    /// The criterion's impurity at each node (Gini, entropy in bits, variance),
    /// `Float` for the same reason (only importances are computed from it);
    /// empty when the tree was rebuilt without them.
    public internal(set) var impurities: [Float]
    /// Values per leaf: the class count for classifiers, 1 for regressors and isolation trees.
    public let valueWidth: Int
    /// Number of features of the rows the tree splits (feature indices are below it).
    public let featureCount: Int
    /// The number of leaves.
    public let leafCount: Int

    /// The number of nodes.
    public var nodeCount: Int { packed.count }

    /// A tree from its packed parts (see `Tree+Packing.swift`, which builds them).
    init(
        packed: [UInt64], layout: PackedNodeLayout, farRightChildren: [Int32: Int32], separateLeafValues: [Double], sampleCounts: [Int32], weightedSampleCounts: [Float], impurities: [Float],
        valueWidth: Int, featureCount: Int, leafCount: Int
    ) {
        self.packed = packed
        self.layout = layout
        self.farRightChildren = farRightChildren
        self.separateLeafValues = separateLeafValues
        self.sampleCounts = sampleCounts
        self.weightedSampleCounts = weightedSampleCounts
        self.impurities = impurities
        self.valueWidth = valueWidth
        self.featureCount = featureCount
        self.leafCount = leafCount
        #if DEBUG
        checkInvariants()
        #endif
    }

    /// Whether node `node` is a leaf: its parent's flag, found by descending from the root (a
    /// tree keeps no per-node flags; loops over every node use `leafFlags()` once instead).
    /// - Complexity: O(depth).
    public func isLeaf(_ node: Int) -> Bool {
        precondition(node >= 0 && node < nodeCount, "Node \(node) is not in 0..<\(nodeCount).")
        if node == 0 { return nodeCount == 1 }
        var parent = 0
        while true {
            let high = PackedNodeLayout.high(packed[parent])
            if node == parent + 1 { return high & layout.leftLeafBit != 0 }
            let right = rightChild(of: parent)
            if node == right { return high & layout.rightLeafBit != 0 }
            parent = node < right ? parent + 1 : right
        }
    }

    /// Which nodes are leaves, from each split's flags in one pass over the nodes.
    /// - Complexity: O(nodes), and one bit of memory a node.
    func leafFlags() -> LeafFlags {
        var flags = LeafFlags(nodeCount: nodeCount)
        if nodeCount == 1 { flags.setLeaf(0) }
        // Preorder: a node's flag is set by its parent, which comes before it.
        for node in 0 ..< nodeCount where !flags[node] {
            let high = PackedNodeLayout.high(packed[node])
            if high & layout.leftLeafBit != 0 { flags.setLeaf(node + 1) }
            if high & layout.rightLeafBit != 0 { flags.setLeaf(rightChild(of: node)) }
        }
        return flags
    }

    /// The leaf ordinal of leaf node `node` (its row in `leafValues`).
    /// - Precondition: `node` is a leaf.
    /// - Complexity: O(depth) when leaves hold other than one value, else O(nodes).
    public func leafOrdinal(ofNode node: Int) -> Int {
        precondition(isLeaf(node), "Node \(node) is not a leaf.")
        if valueWidth != 1 { return Int(UInt32(truncatingIfNeeded: packed[node])) }
        let flags = leafFlags()
        return (0 ..< node).reduce(0) { $0 + (flags[$1] ? 1 : 0) }
    }

    /// The values stored at leaf node `node`.
    /// - Precondition: `node` is a leaf.
    public func leafValues(ofNode node: Int) -> ArraySlice<Double> {
        precondition(isLeaf(node), "Node \(node) is not a leaf.")
        if valueWidth == 1 { return [Double(bitPattern: packed[node])][...] }
        let start = Int(UInt32(truncatingIfNeeded: packed[node])) * valueWidth
        return separateLeafValues[start ..< start + valueWidth]
    }

    /// Leaf values, `valueWidth` per leaf, leaves in node order.
    /// - Complexity: O(nodes) when leaves hold one value (they are gathered from the nodes).
    public var leafValues: [Double] {
        guard valueWidth == 1 else { return separateLeafValues }
        var values: [Double] = []
        values.reserveCapacity(leafCount)
        let flags = leafFlags()
        for node in 0 ..< nodeCount where flags[node] { values.append(Double(bitPattern: packed[node])) }
        return values
    }

    /// The right child of split `node`.
    /// - Precondition: `node` is a split.
    func rightChild(of node: Int) -> Int {
        let distance = layout.storedDistance(packed[node])
        return distance != 0 ? node + distance : Int(farRightChildren[Int32(node)]!)
    }

    /// The leaf node index that `row` (one value per feature) falls into.
    /// - Precondition: `row.count >= featureCount`.
    /// - Complexity: O(depth).
    public func leafNode(for row: [Float]) -> Int {
        precondition(row.count >= featureCount, "Row has \(row.count) values; the tree needs \(featureCount).")
        return row.withUnsafeBufferPointer { row in withKernel { $0.leafNode(row: row.baseAddress!) } }
    }

    /// The leaf node index of every row of `x`, like scikit-learn's `apply`.
    /// - Precondition: `x.columns >= featureCount`.
    /// - Complexity: O(rows × depth).
    public func apply(_ x: Matrix<Float>) -> [Int32] {
        precondition(x.columns >= featureCount, "Data has \(x.columns) features; the tree needs \(featureCount).")
        var leaves = [Int32](repeating: 0, count: x.rows)
        x.withUnsafeBufferPointer { values in
            withKernel { kernel in
                kernel.forEachLeaf(rows: 0 ..< x.rows, values: values.baseAddress!, columns: x.columns) { row, leaf in
                    leaves[row] = Int32(leaf)
                }
            }
        }
        return leaves
    }

    /// The depth of every node (root = 0).
    /// - Complexity: O(nodes).
    public func nodeDepths() -> [Int32] {
        var depths = [Int32](repeating: 0, count: nodeCount)
        let flags = leafFlags()
        for node in 0 ..< nodeCount where !flags[node] {
            depths[node + 1] = depths[node] + 1
            depths[rightChild(of: node)] = depths[node] + 1
        }
        return depths
    }

    /// Calls `body` with a traversal kernel over this tree's nodes and leaf values. Batch
    /// prediction walks many rows inside one call, so the arrays are pinned once per batch rather
    /// than once per row (pinning shared arrays per row costs contended reference-count updates
    /// across threads).
    @inlinable
    func withKernel<R>(_ body: (TreeKernel) -> R) -> R {
        packed.withUnsafeBufferPointer { nodes in
            separateLeafValues.withUnsafeBufferPointer { values in
                body(TreeKernel(
                    nodes: nodes, layout: layout, farRightChildren: farRightChildren, separateLeafValues: values,
                    valueWidth: valueWidth))
            }
        }
    }
}
