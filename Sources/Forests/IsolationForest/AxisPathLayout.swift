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
        // NaN-free blocks (the usual case) compare once per step; others honour `missingGoesLeft`.
        let block = UnsafeBufferPointer(start: values + rows.lowerBound * width, count: rows.count * width)
        if block.contains(where: \.isNaN) {
            addPathLengths(MissingAwareComparison.self, values, width: width, rows: rows, into: sums)
        } else {
            addPathLengths(PlainComparison.self, values, width: width, rows: rows, into: sums)
        }
    }

    private func addPathLengths<Comparison: StepComparison>(
        _: Comparison.Type, _ values: UnsafePointer<Float>, width: Int, rows: Range<Int>,
        into sums: UnsafeMutablePointer<Double>
    ) {
        nodes.withUnsafeBufferPointer { nodes in
            pathLengths.withUnsafeBufferPointer { pathLengths in
                let nodes = nodes.baseAddress!, pathLengths = pathLengths.baseAddress!
                for (root, height) in roots {
                    var start = rows.lowerBound
                    while start < rows.upperBound {
                        let count = min(Self.lanes, rows.upperBound - start)
                        // Short groups repeat their last row; only `count` results are kept.
                        func row(_ lane: Int) -> UnsafePointer<Float> { values + (start + min(lane, count - 1)) * width }
                        let (r0, r1, r2, r3) = (row(0), row(1), row(2), row(3))
                        let (r4, r5, r6, r7) = (row(4), row(5), row(6), row(7))
                        // Eight named lanes, not a SIMD vector: inserting into a vector lane by lane
                        // would chain every lane's step to the others'.
                        var (i0, i1, i2, i3, i4, i5, i6, i7) = (root, root, root, root, root, root, root, root)
                        for _ in 0 ..< height {
                            i0 = Comparison.step(nodes[Int(i0)], r0)
                            i1 = Comparison.step(nodes[Int(i1)], r1)
                            i2 = Comparison.step(nodes[Int(i2)], r2)
                            i3 = Comparison.step(nodes[Int(i3)], r3)
                            i4 = Comparison.step(nodes[Int(i4)], r4)
                            i5 = Comparison.step(nodes[Int(i5)], r5)
                            i6 = Comparison.step(nodes[Int(i6)], r6)
                            i7 = Comparison.step(nodes[Int(i7)], r7)
                        }
                        let first = sums + (start - rows.lowerBound)
                        func add(_ lane: Int, _ leaf: Int32) {
                            if lane < count { first[lane] += pathLengths[Int(leaf)] }
                        }
                        add(0, i0); add(1, i1); add(2, i2); add(3, i3)
                        add(4, i4); add(5, i5); add(6, i6); add(7, i7)
                        start += Self.lanes
                    }
                }
            }
        }
    }
}

/// How one step compares a row's value with a node's threshold.
private protocol StepComparison {
    /// The child of `node` that the row starting at `row` goes to.
    static func step(_ node: TreeNode, _ row: UnsafePointer<Float>) -> Int32
}

/// For rows without NaN: one comparison.
private enum PlainComparison: StepComparison {
    @inline(__always)
    static func step(_ node: TreeNode, _ row: UnsafePointer<Float>) -> Int32 {
        row[node.feature] <= node.threshold ? node.left : node.right
    }
}

/// For rows that may hold NaN: NaN fails both comparisons, so each form sends it the recorded way.
private enum MissingAwareComparison: StepComparison {
    @inline(__always)
    static func step(_ node: TreeNode, _ row: UnsafePointer<Float>) -> Int32 {
        let value = row[node.feature]
        let goLeft = node.missingGoesLeft ? !(value > node.threshold) : value <= node.threshold
        return goLeft ? node.left : node.right
    }
}
