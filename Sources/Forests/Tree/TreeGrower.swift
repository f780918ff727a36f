import NumericCore

/// Grows one tree: node storage, row partitioning, limits and growth order,
/// with split decisions delegated to a `TreeSplitter`.
///
/// Goals, in order: deterministic (a tree depends only on its rows, its
/// splitter and its random stream) → correct (the stored threshold is the
/// comparison that partitioned the training rows) → bounded memory (one row
/// index array and one scratch array per tree) → fast (stable partitioning
/// keeps each node's rows in ascending order, so reads of a feature column
/// move forward through memory).
///
/// Depth-first growth numbers nodes in preorder, like scikit-learn's
/// `DepthFirstTreeBuilder`; with `maxLeafNodes` set the grower expands the
/// frontier node with the largest improvement first, like its
/// `BestFirstTreeBuilder` (see `TreeGrower+BestFirst.swift`).
struct TreeGrower<Splitter: TreeSplitter> {
    /// Limits that make a node a leaf before any split is searched.
    struct Limits: Sendable {
        /// Deepest allowed split depth: nodes at this depth are leaves (root = 0).
        var maxDepth: Int = .max
        /// Nodes with fewer rows are leaves.
        var minSamplesSplit: Int = 2
        /// Each child must keep at least this many rows; nodes with fewer than
        /// twice as many are leaves.
        var minSamplesLeaf: Int = 1
        /// When set, at most this many leaves, grown best-first.
        var maxLeafNodes: Int? = nil
    }

    /// The training features; rows are indices into them.
    let columns: FeatureColumns
    /// When to stop.
    let limits: Limits

    /// Grows a tree over `rows` (distinct row indices into `columns`; weights
    /// such as bootstrap multiplicity live in the splitter).
    /// - Precondition: `rows` is not empty.
    /// - Complexity: O(rows × depth) for partitioning plus the splitter's work.
    func grow(rows: [Int32], splitter: inout Splitter, random: inout SeededRandom) -> Tree {
        precondition(!rows.isEmpty, "A tree needs at least one row.")
        var recorder = TreeRecorder(valueWidth: splitter.valueWidth, featureCount: columns.featureCount)
        var rows = rows
        var scratch = [Int32](repeating: 0, count: rows.count)
        rows.withUnsafeMutableBufferPointer { rows in
            scratch.withUnsafeMutableBufferPointer { scratch in
                let workspace = Workspace(rows: rows, scratch: scratch, columns: columns)
                if let maxLeafNodes = limits.maxLeafNodes {
                    growBestFirst(maxLeafNodes: maxLeafNodes, workspace, &recorder, &splitter, &random)
                } else {
                    growDepthFirst(workspace, &recorder, &splitter, &random)
                }
            }
        }
        return recorder.tree()
    }

    /// Whether the limits allow searching a split for a node.
    /// Halves `sampleCount` rather than doubling `minSamplesLeaf`, which may be as large as `Int.max`.
    func maySplit(depth: Int, sampleCount: Int) -> Bool {
        depth < limits.maxDepth && sampleCount >= limits.minSamplesSplit
            && sampleCount / 2 >= limits.minSamplesLeaf
    }

    private struct Pending {
        var start: Int
        var end: Int
        var depth: Int
        var parent: Int
        var isLeft: Bool
        var state: Splitter.NodeState
    }

    private func growDepthFirst(
        _ workspace: Workspace, _ recorder: inout TreeRecorder, _ splitter: inout Splitter,
        _ random: inout SeededRandom
    ) {
        let all = UnsafeBufferPointer(workspace.rows)
        var stack = [Pending(start: 0, end: all.count, depth: 0, parent: -1, isLeft: true,
                             state: splitter.rootState(rows: all))]
        while let pending = stack.popLast() {
            let index = recorder.nodes.count
            if pending.parent >= 0 { recorder.attach(child: index, to: pending.parent, isLeft: pending.isLeft) }
            let rows = workspace.slice(pending.start, pending.end)
            var state = pending.state
            let summary = splitter.summary(of: state, rows: rows)
            recorder.record(sampleCount: rows.count, summary: summary)
            let context = NodeContext(depth: pending.depth, sampleCount: rows.count)
            guard maySplit(depth: pending.depth, sampleCount: rows.count),
                  let split = splitter.findSplit(for: context, rows: rows, state: &state, random: &random)
            else {
                recorder.appendLeaf(state, rows: rows, splitter: &splitter)
                continue
            }
            let middle = workspace.partition(pending.start, pending.end, by: split, state: state, splitter: &splitter)
            recorder.appendSplit(split)
            let (left, right) = splitter.childStates(
                of: state, split: split,
                left: workspace.slice(pending.start, middle), right: workspace.slice(middle, pending.end))
            // Right first so that the left child is popped next and numbered parent + 1 (preorder).
            stack.append(Pending(start: middle, end: pending.end, depth: pending.depth + 1,
                                 parent: index, isLeft: false, state: right))
            stack.append(Pending(start: pending.start, end: middle, depth: pending.depth + 1,
                                 parent: index, isLeft: true, state: left))
        }
    }
}

/// The row index array of one tree and the scratch space to partition it.
/// Valid only inside `TreeGrower.grow`, which owns the memory.
struct Workspace {
    let rows: UnsafeMutableBufferPointer<Int32>
    let scratch: UnsafeMutableBufferPointer<Int32>
    let columns: FeatureColumns

    func slice(_ start: Int, _ end: Int) -> UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(rebasing: rows[start ..< end])
    }

    /// Stably partitions `rows[start..<end]` so that rows the split sends left
    /// come first (by the splitter when it partitions itself, by raw values
    /// otherwise); returns the index of the first row sent right.
    /// - Precondition: both sides are non-empty (a splitter proposes only such splits).
    func partition<Splitter: TreeSplitter>(
        _ start: Int, _ end: Int, by split: NodeSplit, state: Splitter.NodeState, splitter: inout Splitter
    ) -> Int {
        if let leftCount = splitter.partition(
            UnsafeMutableBufferPointer(rebasing: rows[start ..< end]), scratch: scratch, split: split, state: state) {
            precondition(leftCount > 0 && leftCount < end - start,
                         "Split on feature \(split.feature) at \(split.threshold) leaves a child empty.")
            return start + leftCount
        }
        let node = TreeNode(feature: split.feature, threshold: split.threshold,
                            missingGoesLeft: split.missingGoesLeft, left: 0, right: 0)
        var leftEnd = start
        var rightCount = 0
        columns.values.withUnsafeBufferPointer { values in
            let column = values.baseAddress! + split.feature * columns.rowCount
            for position in start ..< end {
                let row = rows[position]
                if node.sendsLeft(column[Int(row)]) {
                    rows[leftEnd] = row
                    leftEnd += 1
                } else {
                    scratch[rightCount] = row
                    rightCount += 1
                }
            }
        }
        for offset in 0 ..< rightCount { rows[leftEnd + offset] = scratch[offset] }
        precondition(leftEnd > start && leftEnd < end,
                     "Split on feature \(split.feature) at \(split.threshold) leaves a child empty.")
        return leftEnd
    }
}
