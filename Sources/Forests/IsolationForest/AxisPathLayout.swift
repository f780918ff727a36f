// Lockstep scoring of axis-parallel isolation trees.
//
// Goals, in order: deterministic (each row adds its trees' path lengths in
// tree order, exactly as the reference walk) → identical routing to
// `Tree.leafNode` → fast. A tree walk is a chain of dependent loads whose
// direction is a coin flip, so a plain walk stalls on every mispredicted
// branch. Here leaves point to themselves, so every row takes exactly the
// tree's height in steps with no exit test, the child is picked by a select
// instead of a branch, and eight rows walk side by side so their independent
// chains overlap in the core.

/// All trees' nodes in one array, leaves looping to themselves, for scoring.
struct AxisPathLayout: Sendable {
    /// Rows walked side by side.
    static let lanes = 8

    /// Nodes of every tree with global child indices; a leaf's children are itself.
    private let nodes: [TreeNode]
    /// Per global node: the path length `h` at leaves, 0 elsewhere.
    private let pathLengths: [Double]
    /// Per tree: its root's global index and its height (deepest leaf depth).
    private let roots: [(root: Int32, height: Int)]

    init(trees: [Tree]) {
        var nodes: [TreeNode] = []
        var pathLengths: [Double] = []
        var roots: [(Int32, Int)] = []
        for tree in trees {
            let base = Int32(nodes.count)
            for (index, node) in tree.nodes.enumerated() {
                let global = base + Int32(index)
                if node.isLeaf {
                    nodes.append(TreeNode(feature: 0, threshold: 0, missingGoesLeft: false, left: global, right: global))
                    pathLengths.append(tree.leafValues[Int(node.right)])
                } else {
                    nodes.append(TreeNode(
                        feature: node.feature, threshold: node.threshold, missingGoesLeft: node.missingGoesLeft,
                        left: base + node.left, right: base + node.right))
                    pathLengths.append(0)
                }
            }
            roots.append((base, Int(tree.nodeDepths().max() ?? 0)))
        }
        self.nodes = nodes
        self.pathLengths = pathLengths
        self.roots = roots
    }

    /// Adds `Σ_t h_t(x)` of rows `rows` of a row-major matrix to `sums` (indexed from `rows.lowerBound`).
    /// The pointers are only used during the call.
    func addPathLengths(
        _ values: UnsafePointer<Float>, width: Int, rows: Range<Int>, into sums: UnsafeMutablePointer<Double>
    ) {
        guard !rows.isEmpty else { return }
        nodes.withUnsafeBufferPointer { nodes in
            pathLengths.withUnsafeBufferPointer { pathLengths in
                for (root, height) in roots {
                    var start = rows.lowerBound
                    while start < rows.upperBound {
                        let count = min(Self.lanes, rows.upperBound - start)
                        var offsets = SIMD8<Int>()
                        // Short groups repeat their last row; only `count` results are kept.
                        for lane in 0 ..< Self.lanes { offsets[lane] = (start + min(lane, count - 1)) * width }
                        var index = SIMD8<Int32>(repeating: root)
                        for _ in 0 ..< height {
                            for lane in 0 ..< Self.lanes {
                                let node = nodes[Int(index[lane])]
                                let value = values[offsets[lane] + node.feature]
                                // NaN fails both comparisons, so each form sends it the recorded way.
                                let goLeft = node.missingGoesLeft ? !(value > node.threshold) : value <= node.threshold
                                index[lane] = goLeft ? node.left : node.right
                            }
                        }
                        for lane in 0 ..< count {
                            sums[start - rows.lowerBound + lane] += pathLengths[Int(index[lane])]
                        }
                        start += Self.lanes
                    }
                }
            }
        }
    }
}
