// Lockstep scoring of hyperplane isolation trees.
//
// Goals, in order: deterministic → identical routing to the reference walk
// (`ExtendedIsolationForest.walk`) → fast. The reference projection adds
// `Double(x_f) · Double(n_f)` over the non-zero components in feature order.
// For a finite row, adding the zero components too changes nothing (each
// adds ±0, and the products of two floats are exact in double precision, so
// fused and separate multiply-adds agree), so finite rows use dense normals
// and eight rows at a time: their eight dot-product chains run side by side
// instead of one long dependent chain. Rows with NaN or ±∞ take the reference walk.

/// All trees' hyperplanes in node order, leaves looping to themselves, for scoring.
struct HyperplanePathLayout: Sendable {
    /// Rows walked side by side.
    static let lanes = 8

    /// Dense normals, `featureCount` per global node (zeros at leaves).
    private let normals: [Float]
    private let intercepts: [Double]
    /// Global child indices; a leaf's children are itself.
    private let left: [Int32]
    private let right: [Int32]
    /// Per global node: the path length `h` at leaves, 0 elsewhere.
    private let pathLengths: [Double]
    /// Per tree: its root's global index and its height.
    private let roots: [(root: Int32, height: Int)]
    private let featureCount: Int

    /// The layout of a forest stored as `ExtendedIsolationForest` stores it (tree-local children).
    init(
        featureCount: Int, treeOffsets: [Int], leftChildren: [Int32], rightChildren: [Int32],
        normals: [Float], intercepts: [Double], pathLengths: [Double], depths: [Int]
    ) {
        self.featureCount = featureCount
        self.normals = normals
        self.intercepts = intercepts
        self.pathLengths = pathLengths
        var left = [Int32](repeating: 0, count: leftChildren.count)
        var right = left
        var roots: [(Int32, Int)] = []
        for tree in 0 ..< treeOffsets.count - 1 {
            let base = treeOffsets[tree]
            for node in base ..< treeOffsets[tree + 1] {
                let isLeaf = leftChildren[node] < 0
                left[node] = isLeaf ? Int32(node) : Int32(base) + leftChildren[node]
                right[node] = isLeaf ? Int32(node) : Int32(base) + rightChildren[node]
            }
            roots.append((Int32(base), depths[base ..< treeOffsets[tree + 1]].max() ?? 0))
        }
        self.left = left
        self.right = right
        self.roots = roots
    }

    /// Adds `Σ_t h_t(x)` of the finite rows `rows` of a row-major matrix to `sums[position]`,
    /// where `rows[position]` is a row index. The pointers are only used during the call.
    func addPathLengths(_ values: UnsafePointer<Float>, rows: [Int], into sums: UnsafeMutablePointer<Double>) {
        guard !rows.isEmpty else { return }
        let width = featureCount
        // Feature-major block in double precision, padded to whole groups by repeating the last row:
        // the eight lanes' values of one feature sit side by side.
        let stride = (rows.count + Self.lanes - 1) / Self.lanes * Self.lanes
        var block = [Double](repeating: 0, count: width * stride)
        block.withUnsafeMutableBufferPointer { block in
            for position in 0 ..< stride {
                let source = values + rows[min(position, rows.count - 1)] * width
                for feature in 0 ..< width { block[feature * stride + position] = Double(source[feature]) }
            }
        }
        block.withUnsafeBufferPointer { block in
            normals.withUnsafeBufferPointer { normals in
                intercepts.withUnsafeBufferPointer { intercepts in
                    left.withUnsafeBufferPointer { left in
                        right.withUnsafeBufferPointer { right in
                            pathLengths.withUnsafeBufferPointer { pathLengths in
                                let trees = Trees(
                                    normals: normals.baseAddress!, intercepts: intercepts.baseAddress!,
                                    left: left.baseAddress!, right: right.baseAddress!, width: width)
                                for (root, height) in roots {
                                    for group in Swift.stride(from: 0, to: stride, by: Self.lanes) {
                                        let lanes = block.baseAddress! + group
                                        var (i0, i1, i2, i3, i4, i5, i6, i7) = (root, root, root, root, root, root, root, root)
                                        for _ in 0 ..< height {
                                            let (n0, n1, n2, n3) = (trees.normal(i0), trees.normal(i1), trees.normal(i2), trees.normal(i3))
                                            let (n4, n5, n6, n7) = (trees.normal(i4), trees.normal(i5), trees.normal(i6), trees.normal(i7))
                                            // Eight separate sums, each in feature order: eight independent chains.
                                            var (p0, p1, p2, p3, p4, p5, p6, p7) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
                                            for f in 0 ..< width {
                                                let x = lanes + f * stride
                                                p0 += x[0] * Double(n0[f])
                                                p1 += x[1] * Double(n1[f])
                                                p2 += x[2] * Double(n2[f])
                                                p3 += x[3] * Double(n3[f])
                                                p4 += x[4] * Double(n4[f])
                                                p5 += x[5] * Double(n5[f])
                                                p6 += x[6] * Double(n6[f])
                                                p7 += x[7] * Double(n7[f])
                                            }
                                            i0 = trees.child(i0, p0); i1 = trees.child(i1, p1)
                                            i2 = trees.child(i2, p2); i3 = trees.child(i3, p3)
                                            i4 = trees.child(i4, p4); i5 = trees.child(i5, p5)
                                            i6 = trees.child(i6, p6); i7 = trees.child(i7, p7)
                                        }
                                        let first = sums + group
                                        let count = min(Self.lanes, rows.count - group)
                                        func add(_ lane: Int, _ leaf: Int32) {
                                            if lane < count { first[lane] += pathLengths[Int(leaf)] }
                                        }
                                        add(0, i0); add(1, i1); add(2, i2); add(3, i3)
                                        add(4, i4); add(5, i5); add(6, i6); add(7, i7)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Read-only views of the layout's arrays for one scoring call.
private struct Trees {
    let normals: UnsafePointer<Float>
    let intercepts: UnsafePointer<Double>
    let left: UnsafePointer<Int32>
    let right: UnsafePointer<Int32>
    let width: Int

    @inline(__always)
    func normal(_ node: Int32) -> UnsafePointer<Float> { normals + Int(node) * width }

    @inline(__always)
    func child(_ node: Int32, _ projection: Double) -> Int32 {
        projection <= intercepts[Int(node)] ? left[Int(node)] : right[Int(node)]
    }
}
