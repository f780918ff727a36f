/// The eigendecomposition `A = V·diag(λ)·Vᵀ` of a real symmetric matrix (LAPACK `syevd`, divide and conquer).
///
/// Used for principal components of feature covariances. Eigenvalues are
/// ascending, as LAPACK returns them; eigenvectors are orthonormal columns.
public struct SymmetricEigendecomposition<Scalar: BLASScalar>: Sendable, Equatable {
    /// The eigenvalues in ascending order.
    public let eigenvalues: [Scalar]
    /// The eigenvectors as columns: column `j` belongs to `eigenvalues[j]`.
    public let eigenvectors: Matrix<Scalar>

    /// Decomposes the symmetric matrix `matrix`.
    ///
    /// - Parameter matrix: a square, symmetric matrix with finite elements. Symmetry is
    ///   checked to a tolerance of `√ulp × max|aᵢⱼ|`, so products such as `XᵀX` that
    ///   are symmetric only up to rounding are accepted; LAPACK then reads the upper triangle.
    /// - Throws: `NumericError.dimensionMismatch` when not square; `NumericError.invalidArgument`
    ///   when not symmetric or not finite; `NumericError.factorizationFailed` when LAPACK fails to converge.
    /// - Complexity: O(n³) time, O(n²) memory.
    public init(_ matrix: Matrix<Scalar>) throws(NumericError) {
        let n = matrix.rows
        try matrix.requireSquareFinite(routine: "\(Scalar.blasPrecision)syevd")
        let tolerance = Scalar.ulpOfOne.squareRoot() * matrix.storage.lazy.map { abs($0) }.reduce(0, max)
        for row in 0 ..< n {
            for column in row + 1 ..< max(row + 1, n) where abs(matrix[row, column] - matrix[column, row]) > tolerance {
                throw .invalidArgument(
                    "\(Scalar.blasPrecision)syevd needs a symmetric matrix; element (\(row), \(column)) is \(matrix[row, column]) but (\(column), \(row)) is \(matrix[column, row]).")
            }
        }
        let routine = "\(Scalar.blasPrecision)syevd"
        let n32 = try blasDimension(n, "n", routine: routine)
        let lda = try leadingDimension(n, routine: routine)
        var vectors = matrix
        var values = [Scalar](repeating: 0, count: n)
        if n > 0 {
            try vectors.withUnsafeMutableBufferPointer { (pa) throws(NumericError) in
                try values.withUnsafeMutableBufferPointer { (pw) throws(NumericError) in
                    try LAPACKCalls.syevd(n: n32, a: pa.baseAddress, lda: lda, w: pw.baseAddress)
                }
            }
        }
        eigenvalues = values
        eigenvectors = vectors
    }

    /// A copy of the eigenvector for `eigenvalues[index]`.
    public func eigenvector(_ index: Int) -> [Scalar] {
        eigenvectors.column(index)
    }
}

extension Matrix where Scalar: BLASScalar {
    /// Throws unless the matrix is square with finite elements; LAPACK would otherwise fail obscurely.
    func requireSquareFinite(routine: String) throws(NumericError) {
        guard rows == columns else {
            throw .dimensionMismatch("\(routine) needs a square matrix; got \(shapeDescription).")
        }
        if let index = storage.firstIndex(where: { !$0.isFinite }) {
            throw .invalidArgument(
                "\(routine) needs finite elements; element (\(index / columns), \(index % columns)) is \(storage[index]).")
        }
    }
}
