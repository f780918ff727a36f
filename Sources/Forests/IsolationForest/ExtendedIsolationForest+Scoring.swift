import NumericCore

// Scoring rows with a fitted Extended Isolation Forest.
//
// Goals, in order: deterministic (the same bits for any thread count: each
// row's path lengths are summed over trees in tree order) → one reference
// definition (the scalar path; the matrix-product path routes identically
// except for rows within rounding of a hyperplane) → fast.

extension ExtendedIsolationForest {
    /// How projections onto the hyperplanes are computed while scoring.
    public enum ScoringMethod: Sendable, Equatable, CaseIterable {
        /// One dot product per visited node, summed in double precision in feature
        /// order: the reference definition, and the faster path (measured in
        /// Benchmarks/results/isolation-forest.md).
        case scalar
        /// Every internal node's projection at once per tree and row block, as a
        /// matrix product through OpenBLAS (`dgemm`), then a walk that only compares.
        /// Rows holding NaN or ±∞ use the scalar path (0 · ∞ would poison the product).
        case matrixProducts
    }

    /// Rows scored per job; large enough to amortise a job, small enough to balance threads.
    static let rowBlock = 512

    /// Anomaly scores `s(x, ψ) = 2^(−E[h(x)] / c(ψ))` of each row, in (0, 1]; higher is more anomalous.
    ///
    /// `h_t(x)` is the number of edges from tree `t`'s root to the leaf `x` reaches
    /// plus `c(nodeSamples[leaf])`; `E[h(x)]` sums `h_t` over the trees in order
    /// from 0.0 and divides by the tree count.
    /// - Parameters:
    ///   - features: rows × `featureCount`, columns in training order; NaN is a missing value.
    ///   - method: how projections are computed; default `.scalar`, the reference and faster path.
    ///   - threads: worker threads; default nil = every active core.
    /// - Throws: `ForestError.invalidData` when the column count differs from training;
    ///   `ForestError.invalidParameter` for threads < 1.
    /// - Complexity: O(rows × trees × depth × features) for `.scalar`,
    ///   O(rows × nodes × features) for `.matrixProducts`.
    public func scores(
        _ features: Matrix<Float>, method: ScoringMethod = .scalar, threads: Int? = nil
    ) throws(ForestError) -> [Double] {
        guard features.columns == featureCount else {
            throw .invalidData("model expects \(featureCount) features; the data has \(features.columns).")
        }
        let threadCount = try IsolationForest.resolveThreads(threads)
        let blocks = (features.rows + Self.rowBlock - 1) / Self.rowBlock
        let normaliser = IsolationPathLength.average(sampleSize)
        let trees = treeCount
        let work: @Sendable (Int) -> [Double] = { block in
            let rows = block * Self.rowBlock ..< min(features.rows, (block + 1) * Self.rowBlock)
            let sums = method == .scalar
                ? scalarPathSums(features, rows: rows)
                : matrixPathSums(features, rows: rows)
            return sums.map { IsolationPathLength.score(summedPathLength: $0, trees: trees, normaliser: normaliser) }
        }
        let perBlock = method == .matrixProducts
            ? BLAS.withThreadCount(1) { WorkerPool.map(count: blocks, threads: threadCount, work) }
            : WorkerPool.map(count: blocks, threads: threadCount, work)
        return perBlock.flatMap { $0 }
    }

    /// Whether each row's score is strictly above the alert threshold.
    /// - Throws: as `scores`.
    public func isAnomaly(_ features: Matrix<Float>, threads: Int? = nil) throws(ForestError) -> [Bool] {
        try scores(features, threads: threads).map(thresholds.isAnomaly)
    }

    /// The leaf tree `tree` sends row `row` to, as a global node index, and the nodes on the way.
    func walk(_ values: [Float], rowBase: Int, tree: Int, visit: (Int) -> Void = { _ in }) -> Int {
        let base = treeOffsets[tree]
        var node = base
        while leftChildren[node] >= 0 {
            visit(node)
            let projection = HyperplaneProjection.dot(
                values, rowBase: rowBase, normals: normals, normalBase: node * featureCount, features: featureCount)
            let goLeft = projection.isNaN ? missingGoesLeft[node] : projection <= intercepts[node]
            node = base + Int(goLeft ? leftChildren[node] : rightChildren[node])
        }
        return node
    }

    private func scalarPathSums(_ features: Matrix<Float>, rows: Range<Int>) -> [Double] {
        let values = features.storage
        return rows.map { row in
            var sum = 0.0
            for tree in 0 ..< treeCount {
                sum += pathLengths[walk(values, rowBase: row * featureCount, tree: tree)]
            }
            return sum
        }
    }

    private func matrixPathSums(_ features: Matrix<Float>, rows: Range<Int>) -> [Double] {
        let values = features.storage
        let width = featureCount
        var blasRows: [Int] = []
        var sums = [Double](repeating: 0, count: rows.count)
        for row in rows {
            let slice = values[row * width ..< (row + 1) * width]
            if slice.contains(where: { !$0.isFinite }) {
                for tree in 0 ..< treeCount {
                    sums[row - rows.lowerBound] += pathLengths[walk(values, rowBase: row * width, tree: tree)]
                }
            } else {
                blasRows.append(row)
            }
        }
        guard !blasRows.isEmpty else { return sums }
        var block: [Double] = []
        block.reserveCapacity(blasRows.count * width)
        for row in blasRows { block += values[row * width ..< (row + 1) * width].lazy.map(Double.init) }
        let blockMatrix = try! Matrix(rows: blasRows.count, columns: width, storage: block)
        var projections = Matrix<Double>(rows: blasRows.count, columns: blasLayout.columnsPerTree)
        for tree in 0 ..< treeCount {
            // Shapes agree by construction (block width = featureCount = weight rows).
            try! BLAS.gemm(blockMatrix, blasLayout.weights[tree], into: &projections)
            let base = treeOffsets[tree]
            projections.withUnsafeBufferPointer { projected in
                for (position, row) in blasRows.enumerated() {
                    let rowBase = position * blasLayout.columnsPerTree
                    var node = base
                    while leftChildren[node] >= 0 {
                        let column = Int(blasLayout.columns[node])
                        node = base + Int(projected[rowBase + column] <= intercepts[node]
                            ? leftChildren[node] : rightChildren[node])
                    }
                    sums[row - rows.lowerBound] += pathLengths[node]
                }
            }
        }
        return sums
    }
}

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
