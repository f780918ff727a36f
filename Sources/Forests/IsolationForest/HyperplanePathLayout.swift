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
        normals.withUnsafeBufferPointer { normals in
            intercepts.withUnsafeBufferPointer { intercepts in
                left.withUnsafeBufferPointer { left in
                    right.withUnsafeBufferPointer { right in
                        pathLengths.withUnsafeBufferPointer { pathLengths in
                            for (root, height) in roots {
                                var start = 0
                                while start < rows.count {
                                    let count = min(Self.lanes, rows.count - start)
                                    var offsets = SIMD8<Int>()
                                    for lane in 0 ..< Self.lanes { offsets[lane] = rows[start + min(lane, count - 1)] * width }
                                    var index = SIMD8<Int32>(repeating: root)
                                    for _ in 0 ..< height {
                                        var projection = SIMD8<Double>()
                                        var normalOffsets = SIMD8<Int>()
                                        for lane in 0 ..< Self.lanes { normalOffsets[lane] = Int(index[lane]) * width }
                                        for feature in 0 ..< width {
                                            for lane in 0 ..< Self.lanes {
                                                projection[lane] += Double(values[offsets[lane] + feature])
                                                    * Double(normals[normalOffsets[lane] + feature])
                                            }
                                        }
                                        for lane in 0 ..< Self.lanes {
                                            let node = Int(index[lane])
                                            index[lane] = projection[lane] <= intercepts[node] ? left[node] : right[node]
                                        }
                                    }
                                    for lane in 0 ..< count { sums[start + lane] += pathLengths[Int(index[lane])] }
                                    start += Self.lanes
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
