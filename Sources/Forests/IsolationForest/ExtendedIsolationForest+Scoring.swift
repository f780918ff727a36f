import NumericCore

// Scoring rows with a fitted Extended Isolation Forest.
//
// Goals, in order: deterministic (each row's path lengths are summed over
// trees in tree order, whatever the thread count or method) → one reference
// definition (`walk`; `.lockstep` routes identically, `.matrixProducts`
// identically except for rows within rounding of a hyperplane) → fast.

extension ExtendedIsolationForest {
    /// How projections onto the hyperplanes are computed while scoring.
    public enum ScoringMethod: Sendable, Equatable, CaseIterable {
        /// One row at a time, one sparse dot product per visited node: the definition.
        case reference
        /// Eight finite rows at a time with dense normals, the same results as `.reference`
        /// (see `HyperplanePathLayout`); rows with NaN or ±∞ use `.reference`. The fastest path, measured.
        case lockstep
        /// Every internal node's projection at once per tree and row block, as a matrix
        /// product through OpenBLAS (`dgemm`), then a walk that only compares.
        /// Rows with NaN or ±∞ use `.reference` (0 · ∞ would poison the product).
        case matrixProducts
    }

    /// Rows scored per job; large enough to amortise a job, small enough to balance threads.
    static let rowBlock = 512

    /// Anomaly scores `s(x, ψ) = 2^(−E[h(x)] / c(ψ))` of each row, in (0, 1]; higher is more anomalous.
    ///
    /// `h_t(x)` is `pathLengths` at the leaf tree `t` sends `x` to (edges from the
    /// root plus `c(nodeSamples[leaf])`); the row's `h_t` are summed over the trees in
    /// order from 0.0, and `score = pow(2, −(sum / (Double(trees) · c(ψ))))`.
    /// - Parameters:
    ///   - features: rows × `featureCount`, columns in training order; NaN is a missing value.
    ///   - method: how projections are computed; default `.lockstep`, the fastest path.
    ///   - threads: worker threads; default nil = every active core.
    /// - Throws: `ForestError.invalidData` when the column count differs from training;
    ///   `ForestError.invalidParameter` for threads outside 1 … `ForestLimits.maximumThreads`.
    /// - Complexity: O(rows × trees × depth × features), or O(rows × nodes × features)
    ///   for `.matrixProducts`.
    public func scores(
        _ features: Matrix<Float>, method: ScoringMethod = .lockstep, threads: Int? = nil
    ) throws(ForestError) -> [Double] {
        guard features.columns == featureCount else {
            throw .invalidData("model expects \(featureCount) features; the data has \(features.columns).")
        }
        let threadCount = try IsolationForest.resolveThreads(threads)
        let blocks = (features.rows + Self.rowBlock - 1) / Self.rowBlock
        let normaliser = IsolationPathLength.average(sampleSize)
        let trees = treeCount
        let work: (Int) -> [Double] = { block in
            let rows = block * Self.rowBlock ..< min(features.rows, (block + 1) * Self.rowBlock)
            return pathSums(features, rows: rows, method: method).map {
                IsolationPathLength.score(summedPathLength: $0, trees: trees, normaliser: normaliser)
            }
        }
        // Parallel over row blocks, so OpenBLAS must not start threads of its own inside.
        let perBlock = method == .matrixProducts
            ? BLAS.withThreadCount(1) { parallelMap(count: blocks, threads: threadCount, work) }
            : parallelMap(count: blocks, threads: threadCount, work)
        return perBlock.flatMap { $0 }
    }

    /// The leaf tree `tree` sends a row to (a global node index), calling `visit` with each internal node passed.
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

    /// `Σ_t h_t(x)` for each row in `rows`, trees added in order.
    private func pathSums(_ features: Matrix<Float>, rows: Range<Int>, method: ScoringMethod) -> [Double] {
        let values = features.storage
        let width = featureCount
        var sums = [Double](repeating: 0, count: rows.count)
        var finite: [Int] = []
        for row in rows {
            let isFinite = !values[row * width ..< (row + 1) * width].contains { !$0.isFinite }
            if method != .reference, isFinite {
                finite.append(row)
            } else {
                for tree in 0 ..< treeCount {
                    sums[row - rows.lowerBound] += pathLengths[walk(values, rowBase: row * width, tree: tree)]
                }
            }
        }
        guard !finite.isEmpty else { return sums }
        var finiteSums = [Double](repeating: 0, count: finite.count)
        if method == .lockstep {
            values.withUnsafeBufferPointer { values in
                finiteSums.withUnsafeMutableBufferPointer { finiteSums in
                    layout.addPathLengths(values.baseAddress!, rows: finite, into: finiteSums.baseAddress!)
                }
            }
        } else {
            addPathLengthsByMatrixProducts(features, rows: finite, into: &finiteSums)
        }
        for (position, row) in finite.enumerated() { sums[row - rows.lowerBound] = finiteSums[position] }
        return sums
    }
}
