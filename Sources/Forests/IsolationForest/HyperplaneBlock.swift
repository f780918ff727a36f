import NumericCore

// Matrix-product scoring of hyperplane isolation trees (the OpenBLAS path).
//
// Goals, in order: deterministic → the same routing as the reference walk
// except for rows within rounding of a hyperplane (dgemm sums in its own
// order) → use BLAS where it could pay. Per row block and tree, one `dgemm`
// projects every row onto every internal node's normal; the walk then only
// compares. It computes all of a tree's ~ψ projections to use ~log2 ψ of them,
// so it pays only if gemm is that many times faster per product than a
// scalar dot; Benchmarks/results/isolation-forest.md measures it.

/// Internal-node normals packed per tree as `featureCount × columnsPerTree` matrices for `dgemm`.
///
/// Trees are padded with zero columns to one width so a single projection
/// buffer serves every tree of a row block.
struct HyperplaneBlock: Sendable {
    /// Per global node: its column in its tree's weight matrix; −1 at leaves.
    let columns: [Int32]
    /// Per tree: `featureCount × columnsPerTree` normals of its internal nodes.
    let weights: [Matrix<Double>]
    /// The widest tree's internal-node count (at least 1).
    let columnsPerTree: Int

    init(normals: [Float], featureCount: Int, left: [Int32], treeOffsets: [Int]) {
        var columns = [Int32](repeating: -1, count: left.count)
        var widest = 1
        for tree in 0 ..< treeOffsets.count - 1 {
            var next: Int32 = 0
            for node in treeOffsets[tree] ..< treeOffsets[tree + 1] where left[node] >= 0 {
                columns[node] = next
                next += 1
            }
            widest = max(widest, Int(next))
        }
        var weights: [Matrix<Double>] = []
        for tree in 0 ..< treeOffsets.count - 1 {
            var matrix = Matrix<Double>(rows: featureCount, columns: widest)
            for node in treeOffsets[tree] ..< treeOffsets[tree + 1] where columns[node] >= 0 {
                for feature in 0 ..< featureCount {
                    matrix[feature, Int(columns[node])] = Double(normals[node * featureCount + feature])
                }
            }
            weights.append(matrix)
        }
        self.columns = columns
        self.weights = weights
        self.columnsPerTree = widest
    }
}

extension ExtendedIsolationForest {
    /// Adds `Σ_t h_t(x)` of the finite rows `rows` to `sums[position]` through one `dgemm` per tree.
    func addPathLengthsByMatrixProducts(_ features: Matrix<Float>, rows: [Int], into sums: inout [Double]) {
        guard !rows.isEmpty else { return }
        let values = features.storage
        let width = featureCount
        var block: [Double] = []
        block.reserveCapacity(rows.count * width)
        for row in rows { block += values[row * width ..< (row + 1) * width].lazy.map(Double.init) }
        // Shapes agree by construction: the block is rows × featureCount, each weight featureCount × columnsPerTree.
        let blockMatrix = try! Matrix(rows: rows.count, columns: width, storage: block)
        var projections = Matrix<Double>(rows: rows.count, columns: blasLayout.columnsPerTree)
        for tree in 0 ..< treeCount {
            try! BLAS.gemm(blockMatrix, blasLayout.weights[tree], into: &projections)
            let base = treeOffsets[tree]
            projections.withUnsafeBufferPointer { projected in
                for position in rows.indices {
                    let rowBase = position * blasLayout.columnsPerTree
                    var node = base
                    while leftChildren[node] >= 0 {
                        let column = Int(blasLayout.columns[node])
                        node = base + Int(projected[rowBase + column] <= intercepts[node]
                            ? leftChildren[node] : rightChildren[node])
                    }
                    sums[position] += pathLengths[node]
                }
            }
        }
    }
}
