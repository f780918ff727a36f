import NumericCore

/// The random splitter of isolation trees, plugged into the shared `TreeGrower`.
///
/// Liu, Ting & Zhou (2008) split a node on a feature drawn uniformly among
/// those that vary in it, at a threshold drawn uniformly between the
/// feature's minimum and maximum there. The draws follow scikit-learn's
/// `node_split_random` in order: feature (rejecting constant ones), threshold,
/// then, only when the node holds NaN for that feature, a fair coin for the
/// side NaN goes to; without NaN in training, NaN later follows the larger
/// child (ties go right), as scikit-learn does. The threshold is rounded down
/// to a `Float` (see `Tree`); a draw that lands on the maximum becomes the
/// minimum, so both children always hold a row.
///
/// Each leaf stores one value: its path length `h = depth + c(rows)` (root
/// depth 0), so scoring sums leaf values and a model file needs no logarithm.
struct IsolationSplitter: TreeSplitter {
    /// The node's depth, the only thing a leaf needs from its ancestors.
    typealias NodeState = Int

    /// The tree's training block.
    let columns: FeatureColumns
    /// Features this tree may split on; reordered by the draws (a scratch permutation).
    private var candidates: [Int]

    /// A splitter over `columns`, drawing features from `features`.
    init(columns: FeatureColumns, features: [Int]) {
        self.columns = columns
        self.candidates = features
    }

    var valueWidth: Int { 1 }

    func rootState(rows: UnsafeBufferPointer<Int32>) -> Int { 0 }

    func summary(of state: Int, rows: UnsafeBufferPointer<Int32>) -> (weightedCount: Double, impurity: Double) {
        (Double(rows.count), 0)
    }

    mutating func findSplit(
        for node: NodeContext, rows: UnsafeBufferPointer<Int32>, state: inout Int, random: inout SeededRandom
    ) -> NodeSplit? {
        var undrawn = candidates.count
        while undrawn > 0 {
            let pick = random.nextIndex(below: undrawn)
            let feature = candidates[pick]
            candidates.swapAt(pick, undrawn - 1)
            undrawn -= 1
            let range = columns.values.withUnsafeBufferPointer { values in
                Self.range(of: values.baseAddress! + feature * columns.rowCount, rows: rows)
            }
            guard range.upper > range.lower else { continue }
            var draw = Double(range.lower) + (Double(range.upper) - Double(range.lower)) * random.nextUnitDouble()
            let coin = range.missing > 0 ? random.nextIndex(below: 2) == 1 : false
            if draw >= Double(range.upper) { draw = Double(range.lower) }
            let threshold = Float.roundedDown(draw)
            let missingGoesLeft = range.missing > 0
                ? coin
                : columns.values.withUnsafeBufferPointer { values in
                    Self.leftCount(values.baseAddress! + feature * columns.rowCount, rows: rows, threshold: threshold)
                } * 2 > rows.count
            return NodeSplit(feature: feature, threshold: threshold, missingGoesLeft: missingGoesLeft, improvement: 1)
        }
        return nil
    }

    func childStates(
        of parent: consuming Int, split: NodeSplit,
        left: UnsafeBufferPointer<Int32>, right: UnsafeBufferPointer<Int32>
    ) -> (left: Int, right: Int) {
        (parent + 1, parent + 1)
    }

    func finishLeaf(_ state: consuming Int, rows: UnsafeBufferPointer<Int32>, values: inout [Double]) {
        values.append(IsolationSplitter.pathLength(depth: state, samples: rows.count))
    }

    /// The path length a row ending in a leaf accumulates: `Double(depth) + c(samples)`.
    static func pathLength(depth: Int, samples: Int) -> Double {
        Double(depth) + IsolationPathLength.average(samples)
    }

    /// Minimum and maximum of a column over `rows`, ignoring NaN, and the NaN count.
    private static func range(
        of column: UnsafePointer<Float>, rows: UnsafeBufferPointer<Int32>
    ) -> (lower: Float, upper: Float, missing: Int) {
        var lower = Float.infinity, upper = -Float.infinity, missing = 0
        for row in rows {
            let value = column[Int(row)]
            if value.isNaN {
                missing += 1
            } else {
                lower = min(lower, value)
                upper = max(upper, value)
            }
        }
        return (lower, upper, missing)
    }

    /// Rows whose value is at most `threshold` (NaN-free nodes only).
    private static func leftCount(
        _ column: UnsafePointer<Float>, rows: UnsafeBufferPointer<Int32>, threshold: Float
    ) -> Int {
        var count = 0
        for row in rows where column[Int(row)] <= threshold { count += 1 }
        return count
    }
}
