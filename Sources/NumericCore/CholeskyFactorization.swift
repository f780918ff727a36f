/// The Cholesky factorisation `A = UᵀU` of a symmetric positive definite matrix (LAPACK `potrf`),
/// kept to solve `A·X = B` for many right-hand sides (LAPACK `potrs`).
///
/// Used for ridge-regularised normal equations `(XᵀX + λI)·w = Xᵀy`.
public struct CholeskyFactorization<Scalar: BLASScalar>: Sendable, Equatable {
    /// The upper-triangular factor `U` (its strictly lower triangle is zero).
    public let upperFactor: Matrix<Scalar>

    /// Factors the symmetric positive definite matrix `matrix`; LAPACK reads its upper triangle.
    /// - Throws: `NumericError.dimensionMismatch` when not square; `NumericError.invalidArgument`
    ///   when an element is not finite; `NumericError.factorizationFailed` naming the failing
    ///   leading minor when the matrix is not positive definite.
    /// - Complexity: O(n³/3).
    public init(_ matrix: Matrix<Scalar>) throws(NumericError) {
        let routine = "\(Scalar.blasPrecision)potrf"
        try matrix.requireSquareFinite(routine: routine)
        let n = matrix.rows
        let n32 = try blasDimension(n, "n", routine: routine)
        let lda = try leadingDimension(n, routine: routine)
        var factor = matrix
        if n > 0 {
            try factor.withUnsafeMutableBufferPointer { (pa) throws(NumericError) in
                try LAPACKCalls.potrf(n: n32, a: pa.baseAddress, lda: lda)
            }
        }
        for row in 1 ..< max(1, n) {
            for column in 0 ..< row { factor[row, column] = 0 }
        }
        upperFactor = factor
    }

    /// Solves `A·X = B` for `X`, one column of `rhs` per right-hand side.
    /// - Parameter rhs: n×r, where n is the order of `A`.
    /// - Throws: `NumericError.dimensionMismatch` when `rhs` has the wrong number of rows.
    /// - Complexity: O(n²·r).
    public func solve(_ rhs: Matrix<Scalar>) throws(NumericError) -> Matrix<Scalar> {
        let n = upperFactor.rows
        guard rhs.rows == n else {
            throw .dimensionMismatch(
                "potrs: A is \(n)×\(n), so B needs \(n) rows; got \(rhs.shapeDescription).")
        }
        let routine = "\(Scalar.blasPrecision)potrs"
        let n32 = try blasDimension(n, "n", routine: routine)
        let nrhs = try blasDimension(rhs.columns, "nrhs", routine: routine)
        let lda = try leadingDimension(n, routine: routine)
        let ldb = try leadingDimension(rhs.columns, routine: routine)
        var solution = rhs
        guard n > 0, rhs.columns > 0 else { return solution }
        try upperFactor.withUnsafeBufferPointer { (pa) throws(NumericError) in
            try solution.withUnsafeMutableBufferPointer { (pb) throws(NumericError) in
                try LAPACKCalls.potrs(n: n32, nrhs: nrhs, factor: pa.baseAddress, lda: lda, b: pb.baseAddress, ldb: ldb)
            }
        }
        return solution
    }

    /// Solves `A·x = b` for one right-hand side.
    /// - Throws: `NumericError.dimensionMismatch` when `b` does not have n elements.
    /// - Complexity: O(n²).
    public func solve(_ rhs: [Scalar]) throws(NumericError) -> [Scalar] {
        try solve(Matrix(rows: rhs.count, columns: 1, storage: rhs)).storage
    }
}

extension Matrix where Scalar: BLASScalar {
    /// Solves `self·X = rhs` for a symmetric positive definite `self` (Cholesky factor, then two triangular solves).
    /// - Throws: as ``CholeskyFactorization/init(_:)`` and ``CholeskyFactorization/solve(_:)-(Matrix<Scalar>)``.
    /// - Complexity: O(n³/3 + n²·r).
    public func choleskySolve(_ rhs: Matrix) throws(NumericError) -> Matrix {
        try CholeskyFactorization(self).solve(rhs)
    }
}
