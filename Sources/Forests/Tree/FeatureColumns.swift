import NumericCore

/// Training features transposed to column-major order, built once per forest.
///
/// Split search and partitioning read one feature for many rows; in a
/// column each such read is near the previous one, while a row-major matrix
/// would touch a new cache line for every row.
struct FeatureColumns: Sendable {
    /// Number of rows.
    let rowCount: Int
    /// Number of features.
    let featureCount: Int
    /// Feature `f` of row `r` at `values[f * rowCount + r]`.
    let values: [Float]

    /// The columns of `x`.
    /// - Complexity: O(rows × columns).
    init(_ x: Matrix<Float>) {
        rowCount = x.rows
        featureCount = x.columns
        var columns = [Float](repeating: 0, count: x.rows * x.columns)
        x.withUnsafeBufferPointer { source in
            columns.withUnsafeMutableBufferPointer { target in
                // Blocks of rows keep both the read and the write side in cache.
                let block = 64
                var rowStart = 0
                while rowStart < x.rows {
                    let rowEnd = min(rowStart + block, x.rows)
                    for feature in 0 ..< x.columns {
                        let base = feature * x.rows
                        for row in rowStart ..< rowEnd {
                            target[base + row] = source[row * x.columns + feature]
                        }
                    }
                    rowStart = rowEnd
                }
            }
        }
        values = columns
    }
}
