/// Checks and derived values for forests stored as flat, tree-local preorder node arrays.
///
/// A model rebuilt from a file must never send traversal out of bounds or
/// into a cycle, so every child id is checked to lie inside its tree and after
/// its parent (preorder), and every non-root node to have exactly one parent.
enum FlatTreeChecks {
    /// Checks that `offsets` starts at 0, never decreases, ends at `nodeCount` and gives each tree a node.
    static func checkOffsets(_ offsets: [Int], nodeCount: Int) throws(ForestError) {
        guard offsets.count >= 2 else {
            throw .invalidData("treeOffsets has \(offsets.count) entries; expected trees + 1 ≥ 2.")
        }
        guard offsets[0] == 0 else {
            throw .invalidData("treeOffsets must start at 0; got \(offsets[0]).")
        }
        for tree in 0 ..< offsets.count - 1 where offsets[tree + 1] <= offsets[tree] {
            throw .invalidData(
                "treeOffsets must increase (every tree has a root); tree \(tree) spans \(offsets[tree]) ..< \(offsets[tree + 1]).")
        }
        guard offsets[offsets.count - 1] == nodeCount else {
            throw .invalidData("treeOffsets ends at \(offsets[offsets.count - 1]); the node arrays hold \(nodeCount) nodes.")
        }
    }

    /// Checks child ids and sample counts; returns every node's depth (edges from its root).
    static func checkChildren(
        left: [Int32], right: [Int32], samples: [Int32], offsets: [Int]
    ) throws(ForestError) -> [Int] {
        var depths = [Int](repeating: 0, count: left.count)
        var hasParent = [Bool](repeating: false, count: left.count)
        for tree in 0 ..< offsets.count - 1 {
            let start = offsets[tree], size = offsets[tree + 1] - start
            for local in 0 ..< size {
                let node = start + local
                guard samples[node] >= 0 else {
                    throw .invalidData("node \(node) has \(samples[node]) samples; expected ≥ 0.")
                }
                if local > 0, !hasParent[node] {
                    throw .invalidData("node \(node) of tree \(tree) has no parent; nodes must form one tree in preorder.")
                }
                let l = Int(left[node]), r = Int(right[node])
                if l == -1, r == -1 { continue }
                for child in [l, r] {
                    guard child > local, child < size else {
                        throw .invalidData(
                            "node \(node) of tree \(tree) has child \(child); expected an id in \(local + 1) ..< \(size) (preorder), or −1 for both at a leaf.")
                    }
                    guard !hasParent[start + child] else {
                        throw .invalidData("node \(start + child) of tree \(tree) has two parents; expected one.")
                    }
                    hasParent[start + child] = true
                    depths[start + child] = depths[node] + 1
                }
                guard Int(samples[start + l]) + Int(samples[start + r]) == Int(samples[node]) else {
                    throw .invalidData(
                        "node \(node) has \(samples[node]) samples but its children hold \(samples[start + l]) + \(samples[start + r]); expected the sum.")
                }
            }
        }
        return depths
    }

    /// Per node, the path length a row ending there accumulates: depth, plus `c(samples)` at leaves.
    ///
    /// Computed as `Double(depth) + c(n)` exactly as the scorer documents, so
    /// any reimplementation that adds the same two doubles gets the same bits.
    static func pathLengths(depths: [Int], samples: [Int32], left: [Int32]) -> [Double] {
        depths.indices.map { node in
            left[node] < 0
                ? Double(depths[node]) + IsolationPathLength.average(Int(samples[node]))
                : Double(depths[node])
        }
    }
}
