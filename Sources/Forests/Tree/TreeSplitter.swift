import NumericCore

/// A split chosen for one node: rows with `Float(x[feature]) <= threshold`
/// go left, NaN goes left iff `missingGoesLeft`.
struct NodeSplit: Sendable {
    /// The feature index.
    var feature: Int
    /// The threshold; a `Float` so that the training partition and prediction
    /// apply the identical comparison (see `Tree`).
    var threshold: Float
    /// Where rows whose value is NaN go.
    var missingGoesLeft: Bool
    /// How good the split is; larger is better. Best-first growth (`maxLeafNodes`)
    /// expands the frontier node with the largest value. CART splitters report the
    /// weighted impurity decrease; splitters without a criterion report any
    /// positive value.
    var improvement: Double
}

/// What the grower tells a splitter about the node it is splitting.
struct NodeContext: Sendable {
    /// Depth of the node (root = 0).
    var depth: Int
    /// Rows in the node (distinct rows).
    var sampleCount: Int
}

/// Finds splits for the nodes of one tree; `TreeGrower` does everything else.
///
/// The grower owns node storage, the array of row indices (each node's rows
/// are a contiguous range of it), partitioning that array by a split, the
/// depth, `minSamplesSplit`, `minSamplesLeaf` and `maxLeafNodes` limits, and
/// the order of growth. A splitter only looks at a node's rows and decides:
///
/// - CART (`CARTSplitter`): the best split by Gini, entropy or squared error
///   among sampled features, on histograms of binned features for large nodes
///   and on sorted exact values for small nodes; leaf values are class
///   fractions or the mean target.
/// - Isolation Forest: a random feature among those not constant in the node
///   and a uniform threshold between its minimum and maximum in the node
///   (round the `Double` threshold down to `Float` with
///   `Float.roundedDown(_:)` so that the minimum goes left and the maximum
///   right); `NodeState` can be `Void`, `valueWidth` 0 (the tree's
///   `sampleCounts` and `nodeDepths()` give what the path length needs); it
///   returns `nil` when every feature is constant in the node. Its height limit
///   is the grower's `maxDepth`, and `minSamplesSplit = 2` stops at one row.
///
/// Row pointers passed in are valid only during the call. A splitter is a
/// value owned by one tree's build, so it needs no locking; data shared by
/// all trees (feature columns, bins) is read-only.
protocol TreeSplitter {
    /// What the splitter carries from a node to its children (class totals,
    /// histograms, …); `Void` when nothing is carried.
    associatedtype NodeState

    /// Values stored per leaf (class count, 1 for regression, 0 for isolation trees).
    var valueWidth: Int { get }

    /// The state of the root, whose rows are `rows`.
    mutating func rootState(rows: UnsafeBufferPointer<Int32>) -> NodeState

    /// The weighted row count and impurity of a node, stored in the tree's
    /// `weightedSampleCounts` and `impurities` (return the plain row count and
    /// 0 when the splitter has neither notion).
    func summary(of state: NodeState, rows: UnsafeBufferPointer<Int32>) -> (weightedCount: Double, impurity: Double)

    /// The split of a node with rows `rows`, or `nil` to make it a leaf. The
    /// grower calls it only when the node may be split under its limits.
    mutating func findSplit(
        for node: NodeContext, rows: UnsafeBufferPointer<Int32>, state: inout NodeState,
        random: inout SeededRandom
    ) -> NodeSplit?

    /// The states of both children once the grower has partitioned the rows.
    mutating func childStates(
        of parent: consuming NodeState, split: NodeSplit,
        left: UnsafeBufferPointer<Int32>, right: UnsafeBufferPointer<Int32>
    ) -> (left: NodeState, right: NodeState)

    /// Partitions a node's rows for `split` itself, so that the splitter can
    /// move its own node-ordered data along, and returns how many rows went
    /// left; or returns `nil` to let the grower partition by raw values (the
    /// default). The partition must be stable and agree with
    /// `TreeNode.sendsLeft` on the raw values.
    mutating func partition(
        _ rows: UnsafeMutableBufferPointer<Int32>, scratch: UnsafeMutableBufferPointer<Int32>,
        split: NodeSplit, state: NodeState
    ) -> Int?

    /// Appends `valueWidth` leaf values for a node that stays a leaf, and
    /// releases whatever its state holds.
    mutating func finishLeaf(
        _ state: consuming NodeState, rows: UnsafeBufferPointer<Int32>, values: inout [Double])
}

extension TreeSplitter {
    /// The grower partitions by raw values.
    func partition(
        _ rows: UnsafeMutableBufferPointer<Int32>, scratch: UnsafeMutableBufferPointer<Int32>,
        split: NodeSplit, state: NodeState
    ) -> Int? { nil }
}

extension Float {
    /// The largest `Float` not above `value`, so that for every `Float` x,
    /// `x <= value` (compared as `Double`) iff `x <= Float.roundedDown(value)`.
    @inlinable
    static func roundedDown(_ value: Double) -> Float {
        let nearest = Float(value)
        return Double(nearest) > value ? nearest.nextDown : nearest
    }
}
