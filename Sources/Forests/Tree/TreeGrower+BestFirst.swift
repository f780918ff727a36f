import NumericCore

/// Best-first growth for `maxLeafNodes`, as scikit-learn's `BestFirstTreeBuilder`:
/// each node's split is searched when the node is created, and the frontier
/// node with the largest improvement is expanded next until `maxLeafNodes − 1`
/// splits are made. Nodes are numbered in creation order; leaf ordinals are
/// assigned in node order at the end.
extension TreeGrower {
    private struct Candidate {
        var index: Int
        var start: Int
        var end: Int
        var depth: Int
        var state: Splitter.NodeState
        var split: NodeSplit

        /// Heap order: larger improvement first, then the older node (deterministic ties).
        func precedes(_ other: Candidate) -> Bool {
            split.improvement != other.split.improvement
                ? split.improvement > other.split.improvement : index < other.index
        }
    }

    func growBestFirst(
        maxLeafNodes: Int, _ workspace: Workspace, _ recorder: inout TreeRecorder,
        _ splitter: inout Splitter, _ random: inout SeededRandom
    ) {
        var frontier: [Candidate] = []
        var valuesByNode: [[Double]] = []

        func add(start: Int, end: Int, depth: Int, state: consuming Splitter.NodeState) -> Int {
            let index = recorder.nodes.count
            let rows = workspace.slice(start, end)
            var state = state
            recorder.record(sampleCount: rows.count, summary: splitter.summary(of: state, rows: rows))
            recorder.nodes.append(TreeNode(leafOrdinal: 0))
            valuesByNode.append([])
            let context = NodeContext(depth: depth, sampleCount: rows.count)
            if maySplit(depth: depth, sampleCount: rows.count),
               let split = splitter.findSplit(for: context, rows: rows, state: &state, random: &random) {
                Self.push(Candidate(index: index, start: start, end: end, depth: depth, state: state, split: split),
                          into: &frontier)
            } else {
                splitter.finishLeaf(state, rows: rows, values: &valuesByNode[index])
            }
            return index
        }

        _ = add(start: 0, end: workspace.rows.count, depth: 0,
                state: splitter.rootState(rows: UnsafeBufferPointer(workspace.rows)))
        var splitsLeft = maxLeafNodes - 1
        while let candidate = Self.popFirst(from: &frontier) {
            let rows = workspace.slice(candidate.start, candidate.end)
            guard splitsLeft > 0 else {
                splitter.finishLeaf(candidate.state, rows: rows, values: &valuesByNode[candidate.index])
                continue
            }
            splitsLeft -= 1
            let split = candidate.split
            let middle = workspace.partition(
                candidate.start, candidate.end, by: split, state: candidate.state, splitter: &splitter)
            let (leftState, rightState) = splitter.childStates(
                of: candidate.state, split: split,
                left: workspace.slice(candidate.start, middle), right: workspace.slice(middle, candidate.end))
            let left = add(start: candidate.start, end: middle, depth: candidate.depth + 1, state: leftState)
            let right = add(start: middle, end: candidate.end, depth: candidate.depth + 1, state: rightState)
            recorder.nodes[candidate.index] = TreeNode(
                feature: split.feature, threshold: split.threshold, missingGoesLeft: split.missingGoesLeft,
                left: Int32(left), right: Int32(right))
        }
        for index in recorder.nodes.indices where recorder.nodes[index].isLeaf {
            recorder.nodes[index] = TreeNode(leafOrdinal: recorder.leafCount)
            recorder.leafCount += 1
            precondition(valuesByNode[index].count == recorder.valueWidth,
                         "A splitter must append exactly valueWidth leaf values.")
            recorder.leafValues.append(contentsOf: valuesByNode[index])
        }
    }

    private static func push(_ candidate: Candidate, into heap: inout [Candidate]) {
        heap.append(candidate)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private static func popFirst(from heap: inout [Candidate]) -> Candidate? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < heap.count && heap[left].precedes(heap[best]) { best = left }
            if right < heap.count && heap[right].precedes(heap[best]) { best = right }
            if best == parent { break }
            heap.swapAt(parent, best)
            parent = best
        }
        return first
    }
}
