/// Value-returning forms of the BLAS wrappers, for code that does not reuse output buffers.
extension Matrix where Scalar: BLASScalar {
    /// The product `op(A)·op(B)` as a new matrix (one `gemm` call).
    ///
    /// - Parameters:
    ///   - a: the left operand; `op(A)` is m×k.
    ///   - b: the right operand; `op(B)` is k×n.
    ///   - transposeA: use `Aᵀ`; default `false`.
    ///   - transposeB: use `Bᵀ`; default `false`.
    /// - Throws: `NumericError.dimensionMismatch` naming both shapes when the inner dimensions differ.
    /// - Complexity: O(m·n·k).
    public static func multiply(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false
    ) throws(NumericError) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let n = transposeB ? b.rows : b.columns
        var product = Matrix(rows: m, columns: n)
        try BLAS.gemm(a, b, transposeA: transposeA, transposeB: transposeB, into: &product)
        return product
    }

    /// The product `op(self)·x` (one `gemv` call).
    /// - Parameters:
    ///   - vector: as many elements as `op(self)` has columns.
    ///   - transposed: multiply by `selfᵀ` instead; default `false`.
    /// - Throws: `NumericError.dimensionMismatch` naming the shapes.
    /// - Complexity: O(rows × columns).
    public func multiplied(by vector: [Scalar], transposed: Bool = false) throws(NumericError) -> [Scalar] {
        var result = [Scalar](repeating: 0, count: transposed ? columns : rows)
        try BLAS.gemv(self, vector, transpose: transposed, into: &result)
        return result
    }

    /// The Gram matrix of the columns, `selfᵀ·self` (columns × columns, symmetric), with one `syrk` call.
    ///
    /// For a centred feature matrix divided by `rows - 1` this is the covariance matrix.
    /// - Throws: `NumericError.dimensionTooLarge` when a dimension exceeds `Int32.max`.
    /// - Complexity: O(rows × columns²).
    public func columnGram() throws(NumericError) -> Matrix {
        var gram = Matrix(rows: columns, columns: columns)
        try BLAS.syrk(self, transpose: true, into: &gram)
        return gram
    }
}
