import NumericCore

extension ForestPrediction {
    /// Rows per block when per-tree values are kept: a block holds rows × trees doubles (1,024 rows ×
    /// 100 trees = 800 KB), so memory stays bounded however many rows are scored.
    static let quantileBlockRows = 1024

    /// Per row, the `levels` quantiles of the trees' single leaf values, rows × levels (row-major).
    ///
    /// Quantiles interpolate linearly between order statistics, as numpy's default
    /// (`np.quantile(values, q)`, method "linear"): position q·(n − 1) in the sorted values.
    /// Per-tree values are kept for one block of rows at a time, never for all rows at once.
    static func quantiles(trees: [Tree], x: Matrix<Float>, levels: [Double], threads: Int) -> [Double] {
        var output = [Double](repeating: 0, count: x.rows * levels.count)
        let treeCount = trees.count
        let columns = x.columns
        output.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            x.withUnsafeBufferPointer { values in
                parallelChunks(count: x.rows, chunk: quantileBlockRows, threads: threads) { block in
                    var perTree = [Double](repeating: 0, count: block.count * treeCount)
                    for treeIndex in trees.indices {
                        trees[treeIndex].withKernel { tree in
                            tree.forEachLeaf(rows: block, values: values.baseAddress!, columns: columns) { row, leaf in
                                perTree[(row - block.lowerBound) * treeCount + treeIndex] = tree.value(atLeaf: leaf)
                            }
                        }
                    }
                    for row in block {
                        let start = (row - block.lowerBound) * treeCount
                        let sorted = perTree[start ..< start + treeCount].sorted()
                        let target = shared.pointer(at: row * levels.count)
                        for (k, level) in levels.enumerated() { target[k] = quantile(sorted: sorted, level: level) }
                    }
                }
            }
        }
        return output
    }

    /// The `level` quantile of ascending `sorted` (non-empty), linear between order statistics.
    static func quantile(sorted: [Double], level: Double) -> Double {
        let position = level * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }
}

extension RandomForestRegressor {
    /// Per row, quantiles of the trees' predictions: a prediction interval from the per-tree spread
    /// (levels 0.1 and 0.9 bound the central 80 % of the trees).
    ///
    /// Quantiles interpolate linearly between the sorted tree values, as numpy's default
    /// `np.quantile`. Per-tree values are kept for 1,024 rows at a time.
    /// - Parameters:
    ///   - x: rows to predict, one column per feature.
    ///   - levels: quantile levels, each in [0, 1].
    ///   - threads: worker threads; default the forest's setting. Never changes the results.
    /// - Returns: one array per level, in `levels` order, each with one value per row.
    /// - Throws: `ForestError.invalidParameter` for a level outside [0, 1] or `threads` out of range;
    ///   `.invalidData` when `x` has another number of features.
    /// - Complexity: O(rows × trees × (depth + log trees)).
    public func predictQuantiles(
        _ x: Matrix<Float>, levels: [Double], threads: Int? = nil
    ) throws(ForestError) -> [[Double]] {
        if let level = levels.first(where: { !(0 ... 1).contains($0) }) {
            throw .invalidParameter("Quantile levels must be in [0, 1]; got \(level).")
        }
        try ForestPrediction.checkFeatures(x, expected: featureCount)
        let flat = ForestPrediction.quantiles(
            trees: trees, x: x, levels: levels, threads: try configuration.predictionThreads(threads))
        return levels.indices.map { k in (0 ..< x.rows).map { flat[$0 * levels.count + k] } }
    }
}
