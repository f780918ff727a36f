import NumericCore

/// Batch prediction kernels shared by both forests: parallel over blocks of
/// rows, trees in index order inside a block, so results do not depend on
/// the thread count and a tree's nodes stay in cache across the block.
enum ForestPrediction {
    /// Rows per block: two blocks per thread, at least 1,024 rows. Each block
    /// walks every tree, so fewer, larger blocks reload each tree's nodes into
    /// cache less often. Measured on 50,000 rows × 100 trees (two threads):
    /// 512-row blocks took 0.99 s, 2,048 0.61 s, 12,500 0.38 s.
    /// Divides rather than multiplies `threads`, so no thread count overflows.
    static func blockRows(rows: Int, threads: Int) -> Int {
        max(1024, rows / 2 / max(threads, 1))
    }

    /// Checks that `x` has the model's number of features.
    static func checkFeatures(_ x: Matrix<Float>, expected: Int) throws(ForestError) {
        guard x.columns == expected else {
            throw .invalidData("Model expects \(expected) features; the data has \(x.columns).")
        }
    }

    /// The mean over `trees` of the leaf values each row reaches, rows × width.
    /// When `include` is given, tree `t` counts for row `r` only if `include(t, r)`,
    /// and the mean is over those trees (0 where none counted); `counts` then
    /// receives how many trees counted per row.
    static func meanLeafValues(
        trees: [Tree], x: Matrix<Float>, width: Int, threads: Int,
        include: (@Sendable (Int, Int) -> Bool)? = nil, counts: UnsafeMutableBufferPointer<Int32>? = nil
    ) -> [Double] {
        var output = [Double](repeating: 0, count: x.rows * width)
        let countBuffer = counts.map { SharedBuffer($0) }
        output.withUnsafeMutableBufferPointer { output in
            let shared = SharedBuffer(output)
            x.withUnsafeBufferPointer { values in
                let columns = x.columns
                let compact = include == nil ? compactTrees(trees, rows: x.rows, columns: columns, threads: threads) : nil
                parallelChunks(count: x.rows, chunk: blockRows(rows: x.rows, threads: threads), threads: threads) { block in
                    // Without `include` every tree counts for every row.
                    var used = [Int32](repeating: compact == nil ? 0 : Int32(trees.count), count: block.count)
                    for treeIndex in trees.indices {
                        if let compact {
                            trees[treeIndex].leafValues.withUnsafeBufferPointer { leafValues in
                                let leafValues = leafValues.baseAddress!
                                compact[treeIndex].forEachLeaf(rows: block, values: values.baseAddress!, columns: columns) { row, leaf in
                                    let target = shared.pointer(at: row * width), source = leafValues + leaf * width
                                    for k in 0 ..< width { target[k] += source[k] }
                                }
                            }
                            continue
                        }
                        trees[treeIndex].withKernel { tree in
                            if let include {
                                for row in block where include(treeIndex, row) {
                                    used[row - block.lowerBound] += 1
                                    let leaf = tree.leafOrdinal(row: values.baseAddress! + row * columns)
                                    let target = shared.pointer(at: row * width)
                                    for k in 0 ..< width { target[k] += tree.leafValues[leaf * width + k] }
                                }
                                return
                            }
                            tree.forEachLeaf(rows: block, values: values.baseAddress!, columns: columns) { row, leaf in
                                used[row - block.lowerBound] += 1
                                let target = shared.pointer(at: row * width)
                                for k in 0 ..< width { target[k] += tree.leafValues[leaf * width + k] }
                            }
                        }
                    }
                    for row in block {
                        let count = used[row - block.lowerBound]
                        countBuffer?[row] = count
                        guard count > 0 else { continue }
                        let scale = 1 / Double(count)
                        let target = shared.pointer(at: row * width)
                        for k in 0 ..< width { target[k] *= scale }
                    }
                }
            }
        }
        return output
    }

    /// Fewest rows for which `compactTrees` builds the 8-byte layout: building it reads every node
    /// once, so it pays only when many rows walk each tree.
    static let compactMinimumRows = 2048

    /// The trees in 8-byte nodes (`CompactTree`) when the AVX2 walk runs, there are at least
    /// `compactMinimumRows` rows and every tree fits that layout; else nil (walk `TreeNode`s).
    /// Measured on 50,000 rows × 100 classification trees of 19,400 nodes, two threads (CPU s,
    /// alternating runs in one process, the build included): 0.31–0.33 with 16-byte nodes,
    /// 0.20–0.21 with 8-byte ones (see `forest_kernels.c`).
    static func compactTrees(_ trees: [Tree], rows: Int, columns: Int, threads: Int) -> [CompactTree]? {
        guard TreeKernel.hasVectorWalk, rows >= compactMinimumRows, columns < 1 << 22 else { return nil }
        let compact = parallelMap(count: trees.count, threads: threads) { CompactTree(trees[$0]) }
        return compact.contains { $0 == nil } ? nil : compact.map { $0! }
    }

    /// Per row, the mean and the standard deviation (population, over trees)
    /// of the trees' single leaf values.
    static func meanAndSpread(trees: [Tree], x: Matrix<Float>, threads: Int) -> (mean: [Double], spread: [Double]) {
        var mean = [Double](repeating: 0, count: x.rows)
        var spread = [Double](repeating: 0, count: x.rows)
        let treeCount = Double(trees.count)
        let columns = x.columns
        mean.withUnsafeMutableBufferPointer { meanBuffer in
            spread.withUnsafeMutableBufferPointer { spreadBuffer in
                let means = SharedBuffer(meanBuffer), spreads = SharedBuffer(spreadBuffer)
                x.withUnsafeBufferPointer { values in
                    let compact = compactTrees(trees, rows: x.rows, columns: columns, threads: threads)
                    parallelChunks(count: x.rows, chunk: blockRows(rows: x.rows, threads: threads), threads: threads) { block in
                        // Sums shifted by the first tree's value keep the variance accurate.
                        var shift = [Double](repeating: 0, count: block.count)
                        var shifted = [Double](repeating: 0, count: block.count)
                        var squares = [Double](repeating: 0, count: block.count)
                        for treeIndex in trees.indices {
                            trees[treeIndex].withKernel { tree in
                                let add = { (row: Int, leaf: Int) in
                                    let local = row - block.lowerBound
                                    let value = tree.leafValues[leaf]
                                    if treeIndex == 0 { shift[local] = value }
                                    means[row] += value
                                    let delta = value - shift[local]
                                    shifted[local] += delta
                                    squares[local] += delta * delta
                                }
                                if let compact {
                                    compact[treeIndex].forEachLeaf(rows: block, values: values.baseAddress!, columns: columns, add)
                                } else {
                                    tree.forEachLeaf(rows: block, values: values.baseAddress!, columns: columns, add)
                                }
                            }
                        }
                        for row in block {
                            let local = row - block.lowerBound
                            means[row] /= treeCount
                            let variance = (squares[local] - shifted[local] * shifted[local] / treeCount) / treeCount
                            spreads[row] = max(variance, 0).squareRoot()
                        }
                    }
                }
            }
        }
        return (mean, spread)
    }
}
