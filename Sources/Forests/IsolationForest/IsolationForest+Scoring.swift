import NumericCore

// Scoring rows with a fitted Isolation Forest.
//
// Goals, in order: deterministic (each row sums its trees' path lengths in
// tree order, whatever the thread count) → exact to the documented formula →
// fast (a block of rows walks one tree at a time, so that tree's nodes stay in
// cache, and the walk reads `AxisPathLayout`'s nodes; rows that no split
// tells apart are walked once, see `IsolationCells`).

extension IsolationForest {
    /// Rows per job: enough to amortise a job, few enough that the per-row sums stay in L1.
    static let rowBlock = 1024

    /// Anomaly scores `s(x, ψ) = 2^(−E[h(x)] / c(ψ))` of each row, in (0, 1]; higher is more anomalous.
    ///
    /// Equals scikit-learn's `−score_samples(x)` for the same trees (see the type's documentation).
    /// - Parameters:
    ///   - features: rows × `featureCount`, columns in training order; NaN is a missing value.
    ///   - threads: worker threads; default nil = every active core.
    /// - Throws: `ForestError.invalidData` when the column count differs from training;
    ///   `ForestError.invalidParameter` for threads outside 1 … `ForestLimits.maximumThreads`.
    /// - Complexity: O(rows × trees × depth).
    public func scores(_ features: Matrix<Float>, threads: Int? = nil) throws(ForestError) -> [Double] {
        guard features.columns == featureCount else {
            throw .invalidData("model expects \(featureCount) features; the data has \(features.columns).")
        }
        let threadCount = try IsolationForest.resolveThreads(threads)
        if let grouped = cells?.groups(features, threads: threadCount) {
            let distinct = scoresOfEveryRow(grouped.representativeRows(of: features), threads: threadCount)
            return grouped.groupOfRow.map { distinct[Int($0)] }
        }
        return scoresOfEveryRow(features, threads: threadCount)
    }

    /// `scores`, walking every row.
    private func scoresOfEveryRow(_ features: Matrix<Float>, threads threadCount: Int) -> [Double] {
        let blocks = (features.rows + Self.rowBlock - 1) / Self.rowBlock
        let normaliser = pathLengthNormaliser
        let perBlock = parallelMap(count: blocks, threads: threadCount) { block in
            let rows = block * Self.rowBlock ..< min(features.rows, (block + 1) * Self.rowBlock)
            return pathLengthSums(features, rows: rows).map {
                IsolationPathLength.score(summedPathLength: $0, trees: trees.count, normaliser: normaliser)
            }
        }
        return perBlock.flatMap { $0 }
    }

    /// `Σ_t h_t(x)` for each row in `rows`, trees added in order.
    private func pathLengthSums(_ features: Matrix<Float>, rows: Range<Int>) -> [Double] {
        var sums = [Double](repeating: 0, count: rows.count)
        features.withUnsafeBufferPointer { values in
            sums.withUnsafeMutableBufferPointer { sums in
                layout.addPathLengths(values.baseAddress!, width: features.columns, rows: rows, into: sums.baseAddress!)
            }
        }
        return sums
    }

    /// Each feature's share in isolating row `row`, summing to 1 (see `FeatureContribution`).
    ///
    /// Each split on the row's path credits its feature with the bits by which it
    /// shrank the row's cell, `log2(node rows / child rows)`.
    /// - Parameters:
    ///   - features: rows × `featureCount`, as for `scores`.
    ///   - row: the row to explain.
    /// - Throws: `ForestError.invalidData` for a wrong column count or a row out of range.
    /// - Complexity: O(trees × depth).
    public func contributions(of features: Matrix<Float>, row: Int) throws(ForestError) -> [Double] {
        guard features.columns == featureCount else {
            throw .invalidData("model expects \(featureCount) features; the data has \(features.columns).")
        }
        guard row >= 0, row < features.rows else {
            throw .invalidData("row \(row) is out of range; the data has \(features.rows) rows.")
        }
        var weights = [Double](repeating: 0, count: featureCount)
        features.withUnsafeBufferPointer { values in
            let start = values.baseAddress! + row * featureCount
            for tree in trees {
                var steps: [(node: Int, feature: Int)] = []
                let leaf = tree.walk(row: start) { steps.append(($0, $1)) }
                for (position, step) in steps.enumerated() {
                    let child = position + 1 < steps.count ? steps[position + 1].node : leaf
                    weights[step.feature] += FeatureContribution.isolationGain(
                        parent: tree.sampleCounts[step.node], child: tree.sampleCounts[child])
                }
            }
        }
        return FeatureContribution.normalised(weights)
    }

    /// The `count` features that contributed most to isolating `row`, largest first.
    /// - Throws: as `contributions(of:row:)`.
    public func topContributions(of features: Matrix<Float>, row: Int, count: Int = 3) throws(ForestError) -> [FeatureContribution] {
        FeatureContribution.top(try contributions(of: features, row: row), count: count)
    }
}
