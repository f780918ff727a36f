import NumericCore

/// A binary decision tree stored as flat arrays, like scikit-learn's `tree_`.
///
/// Node `0` is the root. A row goes to the left child of an internal node iff
/// `Float(x[feature]) <= threshold`, or, when the value is missing (NaN), iff
/// `missingGoesLeft` is set for that node. Thresholds are `Float` and are the
/// largest `Float` not above the midpoint of the two training values they
/// separate, so this rule reproduces the training partition exactly and equals
/// scikit-learn's `float32(x) <= float64(midpoint)` for every input.
///
/// Children always have larger indices than their parent. Depth-first growth
/// numbers nodes in preorder (left child = parent + 1); best-first growth
/// numbers them in creation order. Leaves are numbered 0, 1, … in node order
/// (their *ordinal*), and row `ordinal` of `leafValues` holds a leaf's
/// `valueWidth` values: class fractions (classifier), the mean target
/// (regressor), nothing (isolation trees, which need only `sampleCounts` and
/// depths).
public struct Tree: Sendable, Equatable {
    /// Nodes in the compact layout prediction walks.
    @usableFromInline var nodes: [TreeNode]
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
    /// Leaf values, `valueWidth` per leaf, leaves in node order.
    public internal(set) var leafValues: [Double]
    /// Values per leaf: the class count for classifiers, 1 for regressors, 0 for isolation trees.
    public let valueWidth: Int
    /// Number of features of the rows the tree splits (feature indices are below it).
    public let featureCount: Int

    /// The number of nodes.
    public var nodeCount: Int { nodes.count }

    /// The number of leaves.
    public let leafCount: Int

    @usableFromInline
    init(
        nodes: [TreeNode], sampleCounts: [Int32], weightedSampleCounts: [Float],
        impurities: [Float], leafValues: [Double], valueWidth: Int, featureCount: Int
    ) {
        self.nodes = nodes
        self.sampleCounts = sampleCounts
        self.weightedSampleCounts = weightedSampleCounts
        self.impurities = impurities
        self.leafValues = leafValues
        self.valueWidth = valueWidth
        self.featureCount = featureCount
        self.leafCount = nodes.reduce(0) { $0 + ($1.isLeaf ? 1 : 0) }
        #if DEBUG
        checkInvariants()
        #endif
    }

    /// Whether node `node` is a leaf.
    public func isLeaf(_ node: Int) -> Bool { nodes[node].isLeaf }

    /// The leaf ordinal of leaf node `node` (its row in `leafValues`).
    /// - Precondition: `node` is a leaf.
    public func leafOrdinal(ofNode node: Int) -> Int {
        precondition(nodes[node].isLeaf, "Node \(node) is not a leaf.")
        return Int(nodes[node].right)
    }

    /// The values stored at leaf node `node`.
    /// - Precondition: `node` is a leaf.
    public func leafValues(ofNode node: Int) -> ArraySlice<Double> {
        let start = leafOrdinal(ofNode: node) * valueWidth
        return leafValues[start ..< start + valueWidth]
    }

    /// The leaf node index that `row` (one value per feature) falls into.
    /// - Precondition: `row.count >= featureCount`.
    /// - Complexity: O(depth).
    public func leafNode(for row: [Float]) -> Int {
        precondition(row.count >= featureCount, "Row has \(row.count) values; the tree needs \(featureCount).")
        return row.withUnsafeBufferPointer { leafNode(row: $0.baseAddress!) }
    }

    /// The leaf node index of every row of `x`, like scikit-learn's `apply`.
    /// - Precondition: `x.columns >= featureCount`.
    /// - Complexity: O(rows × depth).
    public func apply(_ x: Matrix<Float>) -> [Int32] {
        precondition(x.columns >= featureCount, "Data has \(x.columns) features; the tree needs \(featureCount).")
        return x.withUnsafeBufferPointer { values in
            withKernel { kernel in (0 ..< x.rows).map { Int32(kernel.leafNode(row: values.baseAddress! + $0 * x.columns)) } }
        }
    }

    /// The depth of every node (root = 0).
    /// - Complexity: O(nodes).
    public func nodeDepths() -> [Int32] {
        var depths = [Int32](repeating: 0, count: nodes.count)
        for index in nodes.indices where !nodes[index].isLeaf {
            let node = nodes[index]
            depths[Int(node.left)] = depths[index] + 1
            depths[Int(node.right)] = depths[index] + 1
        }
        return depths
    }

    /// Calls `body` with a traversal kernel over this tree's nodes and leaf
    /// values. Batch prediction walks many rows inside one call, so the arrays
    /// are pinned once per batch rather than once per row (pinning shared
    /// arrays per row costs contended reference-count updates across threads).
    @inlinable
    func withKernel<R>(_ body: (TreeKernel) -> R) -> R {
        nodes.withUnsafeBufferPointer { nodes in
            leafValues.withUnsafeBufferPointer { values in body(TreeKernel(nodes: nodes, leafValues: values)) }
        }
    }

    /// The leaf node index for a row whose feature values start at `row`.
    func leafNode(row: UnsafePointer<Float>) -> Int {
        withKernel { $0.leafNode(row: row) }
    }
}

/// A tree's nodes and leaf values, valid inside `Tree.withKernel`.
@usableFromInline
struct TreeKernel {
    @usableFromInline let nodes: UnsafeBufferPointer<TreeNode>
    @usableFromInline let leafValues: UnsafeBufferPointer<Double>

    @inlinable
    init(nodes: UnsafeBufferPointer<TreeNode>, leafValues: UnsafeBufferPointer<Double>) {
        self.nodes = nodes
        self.leafValues = leafValues
    }

    /// The leaf node index for a row whose feature values start at `row`.
    @inlinable
    func leafNode(row: UnsafePointer<Float>) -> Int {
        var index = 0
        while true {
            let node = nodes[index]
            if node.left < 0 { return index }
            index = Int(node.sendsLeft(row[node.feature]) ? node.left : node.right)
        }
    }

    /// The leaf ordinal (row of the leaf values) for a row whose feature values start at `row`.
    @inlinable
    func leafOrdinal(row: UnsafePointer<Float>) -> Int {
        var index = 0
        while true {
            let node = nodes[index]
            if node.left < 0 { return Int(node.right) }
            index = Int(node.sendsLeft(row[node.feature]) ? node.left : node.right)
        }
    }
}
