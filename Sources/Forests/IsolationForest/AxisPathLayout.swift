// Lockstep scoring of axis-parallel isolation trees.
//
// Goals, in order: deterministic (each row adds its trees' path lengths in
// tree order, exactly as the reference walk) → identical routing to
// `Tree.leafNode` → fast. A tree walk is a chain of dependent loads whose
// direction is a coin flip, so a plain walk stalls on every mispredicted
// branch. Here:
// - leaves point to themselves, so every row takes exactly the tree's height
//   in steps, with no exit test;
// - sixteen rows walk side by side, so their independent chains overlap
//   (a step is four dependent loads, ~17 cycles; eight chains left the core
//   waiting: `workbench predict --top-features 0`, process CPU s, medians of
//   three alternating runs: 1 M × 16 1.21 → 1.11, 567,498 × 3 0.47 → 0.43);
// - a block of rows is transposed (feature-major, `blockRows` floats per
//   feature) and each node stores its feature as a byte offset into that block
//   and its children as byte offsets into its tree, so a step is five
//   instructions: load threshold and feature offset, compare with the lane's
//   value, load the chosen child's offset.

/// All trees' nodes, leaves looping to themselves, in a layout built for scoring.
struct AxisPathLayout: Sendable {
    /// Rows walked side by side.
    static let lanes = 16
    /// Rows per transposed block; callers pass at most this many rows at a time.
    static let blockRows = 1024

    /// One node as the kernel reads it (16 bytes).
    private struct Node {
        /// Go to `left` iff the row's value is `<= threshold`.
        var threshold: Float
        /// `feature × blockRows × 4`: where the feature's values start in a transposed block.
        var featureOffset: UInt32
        /// Byte offsets of the children from the tree's first node (`index × 16`).
        var left: UInt32
        var right: UInt32
    }

    private let nodes: [Node]
    /// Where NaN goes, per global node; read only for blocks that hold NaN.
    private let missingGoesLeft: [Bool]
    /// Per global node: the path length `h` at leaves, 0 elsewhere.
    private let pathLengths: [Double]
    /// Per tree: its first node's global index and its height (deepest leaf depth).
    private let trees: [(start: Int, height: Int)]

    init(trees: [Tree]) {
        var nodes: [Node] = []
        var missing: [Bool] = []
        var pathLengths: [Double] = []
        var starts: [(Int, Int)] = []
        let stride = UInt32(MemoryLayout<Node>.stride)
        for tree in trees {
            starts.append((nodes.count, Int(tree.nodeDepths().max() ?? 0)))
            let leafValues = tree.leafValues
            for (index, node) in tree.unpackedNodes().enumerated() {
                if node.isLeaf {
                    let itself = UInt32(index) * stride
                    nodes.append(Node(threshold: 0, featureOffset: 0, left: itself, right: itself))
                    pathLengths.append(leafValues[Int(node.right)])
                } else {
                    nodes.append(Node(
                        threshold: node.threshold, featureOffset: UInt32(node.feature * Self.blockRows * 4),
                        left: UInt32(node.left) * stride, right: UInt32(node.right) * stride))
                    pathLengths.append(0)
                }
                missing.append(node.missingGoesLeft)
            }
        }
        self.nodes = nodes
        self.missingGoesLeft = missing
        self.pathLengths = pathLengths
        self.trees = starts
    }

    /// Adds `Σ_t h_t(x)` of rows `rows` (at most `blockRows`) of a row-major matrix to `sums`
    /// (indexed from `rows.lowerBound`). The pointers are only used during the call.
    func addPathLengths(
        _ values: UnsafePointer<Float>, width: Int, rows: Range<Int>, into sums: UnsafeMutablePointer<Double>
    ) {
        guard !rows.isEmpty else { return }
        precondition(rows.count <= Self.blockRows, "at most \(Self.blockRows) rows per call; got \(rows.count).")
        let padded = (rows.count + Self.lanes - 1) / Self.lanes * Self.lanes
        var block = [Float](repeating: 0, count: width * Self.blockRows)
        var hasMissing = false
        block.withUnsafeMutableBufferPointer { block in
            // Padding rows repeat the last row; their results are dropped.
            for position in 0 ..< padded {
                let source = values + (rows.lowerBound + min(position, rows.count - 1)) * width
                for feature in 0 ..< width {
                    let value = source[feature]
                    hasMissing = hasMissing || value.isNaN
                    block[feature * Self.blockRows + position] = value
                }
            }
        }
        block.withUnsafeBufferPointer { block in
            let block = UnsafeRawPointer(block.baseAddress!)
            if hasMissing {
                walk(MissingAwareComparison.self, block, rows: rows.count, padded: padded, into: sums)
            } else {
                walk(PlainComparison.self, block, rows: rows.count, padded: padded, into: sums)
            }
        }
    }

    private func walk<Comparison: StepComparison>(
        _: Comparison.Type, _ block: UnsafeRawPointer, rows: Int, padded: Int, into sums: UnsafeMutablePointer<Double>
    ) {
        nodes.withUnsafeBytes { nodes in
            missingGoesLeft.withUnsafeBufferPointer { missing in
                pathLengths.withUnsafeBufferPointer { pathLengths in
                    for (start, height) in trees {
                        let tree = nodes.baseAddress! + start * MemoryLayout<Node>.stride
                        let flags = missing.baseAddress! + start
                        let leaves = pathLengths.baseAddress! + start
                        for group in stride(from: 0, to: padded, by: Self.lanes) {
                            let lane = block + group * 4
                            // Sixteen named lanes, not a SIMD vector: inserting into a vector lane by
                            // lane would chain every lane's step to the others'.
                            var (o0, o1, o2, o3, o4, o5, o6, o7) = (0, 0, 0, 0, 0, 0, 0, 0)
                            var (p0, p1, p2, p3, p4, p5, p6, p7) = (0, 0, 0, 0, 0, 0, 0, 0)
                            for _ in 0 ..< height {
                                o0 = Comparison.step(tree, flags, lane, o0, 0)
                                o1 = Comparison.step(tree, flags, lane, o1, 4)
                                o2 = Comparison.step(tree, flags, lane, o2, 8)
                                o3 = Comparison.step(tree, flags, lane, o3, 12)
                                o4 = Comparison.step(tree, flags, lane, o4, 16)
                                o5 = Comparison.step(tree, flags, lane, o5, 20)
                                o6 = Comparison.step(tree, flags, lane, o6, 24)
                                o7 = Comparison.step(tree, flags, lane, o7, 28)
                                p0 = Comparison.step(tree, flags, lane, p0, 32)
                                p1 = Comparison.step(tree, flags, lane, p1, 36)
                                p2 = Comparison.step(tree, flags, lane, p2, 40)
                                p3 = Comparison.step(tree, flags, lane, p3, 44)
                                p4 = Comparison.step(tree, flags, lane, p4, 48)
                                p5 = Comparison.step(tree, flags, lane, p5, 52)
                                p6 = Comparison.step(tree, flags, lane, p6, 56)
                                p7 = Comparison.step(tree, flags, lane, p7, 60)
                            }
                            let first = sums + group
                            let count = min(Self.lanes, rows - group)
                            func add(_ lane: Int, _ offset: Int) {
                                if lane < count { first[lane] += leaves[offset / MemoryLayout<Node>.stride] }
                            }
                            add(0, o0); add(1, o1); add(2, o2); add(3, o3)
                            add(4, o4); add(5, o5); add(6, o6); add(7, o7)
                            add(8, p0); add(9, p1); add(10, p2); add(11, p3)
                            add(12, p4); add(13, p5); add(14, p6); add(15, p7)
                        }
                    }
                }
            }
        }
    }
}

/// How one step compares a lane's value with a node's threshold.
private protocol StepComparison {
    /// The byte offset of the child that the lane at byte `lane` of a transposed block goes to
    /// from the node at byte offset `offset` of `tree`.
    static func step(
        _ tree: UnsafeRawPointer, _ missing: UnsafePointer<Bool>, _ block: UnsafeRawPointer, _ offset: Int, _ lane: Int
    ) -> Int
}

/// For blocks without NaN: one comparison.
private enum PlainComparison: StepComparison {
    @inline(__always)
    static func step(
        _ tree: UnsafeRawPointer, _ missing: UnsafePointer<Bool>, _ block: UnsafeRawPointer, _ offset: Int, _ lane: Int
    ) -> Int {
        let threshold = tree.load(fromByteOffset: offset, as: Float.self)
        let feature = Int(tree.load(fromByteOffset: offset &+ 4, as: UInt32.self))
        let value = block.load(fromByteOffset: feature &+ lane, as: Float.self)
        return Int(tree.load(fromByteOffset: offset &+ (value <= threshold ? 8 : 12), as: UInt32.self))
    }
}

/// For blocks that hold NaN: NaN fails both comparisons, so each form sends it the recorded way.
private enum MissingAwareComparison: StepComparison {
    @inline(__always)
    static func step(
        _ tree: UnsafeRawPointer, _ missing: UnsafePointer<Bool>, _ block: UnsafeRawPointer, _ offset: Int, _ lane: Int
    ) -> Int {
        let threshold = tree.load(fromByteOffset: offset, as: Float.self)
        let feature = Int(tree.load(fromByteOffset: offset &+ 4, as: UInt32.self))
        let value = block.load(fromByteOffset: feature &+ lane, as: Float.self)
        let goLeft = missing[offset / 16] ? !(value > threshold) : value <= threshold
        return Int(tree.load(fromByteOffset: offset &+ (goLeft ? 8 : 12), as: UInt32.self))
    }
}
