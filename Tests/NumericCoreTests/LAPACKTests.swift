import Testing
@testable import NumericCore

@Suite("LAPACK wrappers: symmetric eigendecomposition and Cholesky")
struct LAPACKTests {
    /// A random symmetric positive definite matrix: `BᵀB + n·I`.
    func spd<S: BLASScalar>(_ n: Int, seed: UInt64, as _: S.Type) -> Matrix<S> {
        let b: Matrix<S> = randomMatrix(n + 3, n, seed: seed)
        var a = try! b.columnGram()
        for i in 0 ..< n { a[i, i] += S(n) }
        return a
    }

    func checkEigen<S: BLASScalar>(_ n: Int, _: S.Type) throws {
        let a = spd(n, seed: UInt64(n), as: S.self)
        let decomposition = try SymmetricEigendecomposition(a)
        let v = decomposition.eigenvectors
        var scaled = v
        for row in 0 ..< n { for column in 0 ..< n { scaled[row, column] *= decomposition.eigenvalues[column] } }
        let reconstructed = try Matrix.multiply(scaled, v, transposeB: true)
        #expect(relativeError(reconstructed.storage, a.storage) <= tolerance(S.self, terms: 10 * n))
        let orthogonality = try Matrix.multiply(v, v, transposeA: true)
        var identity = Matrix<S>(rows: n, columns: n)
        for i in 0 ..< n { identity[i, i] = 1 }
        #expect(relativeError(orthogonality.storage, identity.storage) <= tolerance(S.self, terms: 10 * n))
        #expect(decomposition.eigenvalues == decomposition.eigenvalues.sorted())
    }

    @Test("eigendecomposition reconstructs A with orthonormal vectors", arguments: [1, 2, 7, 40])
    func eigenReconstructs(n: Int) throws {
        try checkEigen(n, Double.self)
        try checkEigen(n, Float.self)
    }

    @Test("eigenvalues of a known matrix")
    func eigenKnown() throws {
        let decomposition = try SymmetricEigendecomposition(Matrix<Double>([[2, 1], [1, 2]]))
        #expect(abs(decomposition.eigenvalues[0] - 1) < 1e-14)
        #expect(abs(decomposition.eigenvalues[1] - 3) < 1e-14)
        let top = decomposition.eigenvector(1)
        #expect(abs(abs(top[0]) - 0.5.squareRoot()) < 1e-14 && abs(top[0] - top[1]) < 1e-14)
    }

    @Test("eigendecomposition rejects non-square, asymmetric and NaN matrices")
    func eigenRejects() {
        #expect(throws: NumericError.dimensionMismatch("dsyevd needs a square matrix; got 2×3.")) {
            _ = try SymmetricEigendecomposition(Matrix<Double>(rows: 2, columns: 3))
        }
        #expect(throws: NumericError.invalidArgument(
            "dsyevd needs a symmetric matrix; element (0, 1) is 2.0 but (1, 0) is 1.0.")) {
            _ = try SymmetricEigendecomposition(Matrix<Double>([[1, 2], [1, 1]]))
        }
        #expect(throws: NumericError.invalidArgument("ssyevd needs finite elements; element (1, 1) is nan.")) {
            _ = try SymmetricEigendecomposition(Matrix<Float>([[1, 0], [0, .nan]]))
        }
    }

    @Test("Cholesky solve recovers x from A·x on an SPD matrix", arguments: [1, 3, 25])
    func choleskySolves(n: Int) throws {
        let a = spd(n, seed: 100 + UInt64(n), as: Double.self)
        let x: Matrix<Double> = randomMatrix(n, 2, seed: 5)
        let b = try Matrix.multiply(a, x)
        let solved = try a.choleskySolve(b)
        #expect(relativeError(solved.storage, x.storage) < 1e-10)
        let factor = try CholeskyFactorization(a)
        #expect(relativeError(try Matrix.multiply(factor.upperFactor, factor.upperFactor, transposeA: true).storage,
                              a.storage) < 1e-12)
        #expect(relativeError(try factor.solve(b.column(0)), x.column(0)) < 1e-10)
        let single = try CholeskyFactorization(spd(n, seed: 7, as: Float.self))
        #expect(single.upperFactor.rows == n)
    }

    @Test("Cholesky fails on a matrix that is not positive definite and names the minor")
    func choleskyRejectsIndefinite() {
        #expect(throws: NumericError.factorizationFailed(
            "dpotrf: the matrix is not positive definite; its leading minor of order 2 is not positive (info 2).")) {
            _ = try CholeskyFactorization(Matrix<Double>([[1, 2], [2, 1]]))
        }
        #expect(throws: NumericError.factorizationFailed(
            "spotrf: the matrix is not positive definite; its leading minor of order 1 is not positive (info 1).")) {
            _ = try Matrix<Float>([[-1]]).choleskySolve(Matrix([[1]]))
        }
    }

    @Test("Cholesky solve rejects a right-hand side with the wrong row count")
    func choleskyMismatch() throws {
        let factor = try CholeskyFactorization(Matrix<Double>([[4, 0], [0, 9]]))
        #expect(throws: NumericError.dimensionMismatch("potrs: A is 2×2, so B needs 2 rows; got 3×1.")) {
            _ = try factor.solve([1, 2, 3])
        }
        #expect(try factor.solve([8, 9]) == [2, 1])
    }
}
