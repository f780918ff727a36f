import Testing
@testable import NumericCore

/// A gemm case: shape of op(A) (m×k) and op(B) (k×n), transposes and scalars.
struct GemmCase: CustomTestStringConvertible, Sendable {
    let m: Int, n: Int, k: Int
    let transposeA: Bool, transposeB: Bool
    let alpha: Double, beta: Double

    var testDescription: String {
        "\(m)×\(k)·\(k)×\(n)\(transposeA ? " Aᵀ" : "")\(transposeB ? " Bᵀ" : "") α=\(alpha) β=\(beta)"
    }
}

let gemmCases: [GemmCase] = [
    GemmCase(m: 1, n: 1, k: 1, transposeA: false, transposeB: false, alpha: 1, beta: 0),
    GemmCase(m: 7, n: 5, k: 3, transposeA: false, transposeB: false, alpha: 1, beta: 0),
    GemmCase(m: 200, n: 3, k: 4, transposeA: false, transposeB: false, alpha: 1, beta: 0),
    GemmCase(m: 3, n: 200, k: 4, transposeA: false, transposeB: true, alpha: 1, beta: 0),
    GemmCase(m: 4, n: 4, k: 300, transposeA: true, transposeB: false, alpha: 1, beta: 0),
    GemmCase(m: 6, n: 9, k: 11, transposeA: true, transposeB: true, alpha: -0.5, beta: 2),
    GemmCase(m: 33, n: 17, k: 65, transposeA: false, transposeB: true, alpha: 2, beta: 0.25),
    GemmCase(m: 5, n: 4, k: 0, transposeA: false, transposeB: false, alpha: 1, beta: 3),
    GemmCase(m: 0, n: 4, k: 3, transposeA: true, transposeB: false, alpha: 1, beta: 0),
]

@Suite("BLAS wrappers against naive references")
struct BLASTests {
    func checkGemm<S: BLASScalar>(_ test: GemmCase, _: S.Type) throws {
        let a: Matrix<S> = randomMatrix(test.transposeA ? test.k : test.m, test.transposeA ? test.m : test.k, seed: 1)
        let b: Matrix<S> = randomMatrix(test.transposeB ? test.n : test.k, test.transposeB ? test.k : test.n, seed: 2)
        let c: Matrix<S> = randomMatrix(test.m, test.n, seed: 3)
        var actual = c
        try BLAS.gemm(a, b, transposeA: test.transposeA, transposeB: test.transposeB,
                      alpha: S(test.alpha), beta: S(test.beta), into: &actual)
        let expected = naiveGemm(a, b, transposeA: test.transposeA, transposeB: test.transposeB,
                                 alpha: S(test.alpha), beta: S(test.beta), c: c)
        #expect(actual.rows == test.m && actual.columns == test.n)
        #expect(relativeError(actual.storage, expected.storage) <= tolerance(S.self, terms: test.k + 2))
    }

    @Test("sgemm matches the triple loop", arguments: gemmCases)
    func sgemm(_ test: GemmCase) throws { try checkGemm(test, Float.self) }

    @Test("dgemm matches the triple loop", arguments: gemmCases)
    func dgemm(_ test: GemmCase) throws { try checkGemm(test, Double.self) }

    @Test("multiply returns the product with transposes")
    func multiply() throws {
        let a = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        let b = try Matrix<Double>([[1, 0], [0, 1], [1, 1]])
        #expect(try Matrix.multiply(a, b) == Matrix([[4, 5], [10, 11]]))
        #expect(try Matrix.multiply(a, a, transposeB: true) == Matrix([[14, 32], [32, 77]]))
        #expect(try Matrix.multiply(a, a, transposeA: true).rows == 3)
    }

    @Test("gemm with beta 0 ignores NaN in the old output")
    func gemmBetaZero() throws {
        let a = try Matrix<Float>([[1, 2]])
        var c = Matrix<Float>(rows: 1, columns: 1, repeating: .nan)
        try BLAS.gemm(a, a, transposeB: true, into: &c)
        #expect(c[0, 0] == 5)
    }

    @Test("gemm rejects disagreeing inner dimensions and names the shapes")
    func gemmInnerMismatch() {
        let a = Matrix<Float>(rows: 3, columns: 4)
        let b = Matrix<Float>(rows: 5, columns: 2)
        #expect(throws: NumericError.dimensionMismatch(
            "gemm: op(A) is 3×4 (A 3×4) but op(B) is 5×2 (B 5×2); the inner dimensions 4 and 5 must agree.")) {
            _ = try Matrix.multiply(a, b)
        }
        #expect(throws: NumericError.dimensionMismatch(
            "gemm: op(A) is 4×3 (A 3×4, transposed) but op(B) is 2×5 (B 5×2, transposed); the inner dimensions 3 and 2 must agree.")) {
            _ = try Matrix.multiply(a, b, transposeA: true, transposeB: true)
        }
    }

    @Test("gemm rejects an output of the wrong shape")
    func gemmOutputMismatch() {
        let a = Matrix<Double>(rows: 3, columns: 4)
        let b = Matrix<Double>(rows: 4, columns: 2)
        var c = Matrix<Double>(rows: 2, columns: 3)
        #expect(throws: NumericError.dimensionMismatch(
            "gemm: op(A) is 3×4 (A 3×4) and op(B) is 4×2 (B 4×2), so C must be 3×2; got 2×3.")) {
            try BLAS.gemm(a, b, into: &c)
        }
    }

    @Test("gemv matches the naive product in both orientations", arguments: [false, true])
    func gemv(transposed: Bool) throws {
        for (rows, columns) in [(1, 1), (50, 3), (3, 50)] {
            let a: Matrix<Double> = randomMatrix(rows, columns, seed: 4)
            let x: Matrix<Double> = randomMatrix(transposed ? rows : columns, 1, seed: 5)
            var y: [Double] = randomMatrix(transposed ? columns : rows, 1, seed: 6).storage
            let expected = naiveGemm(a, x, transposeA: transposed, transposeB: false, alpha: 1.5, beta: -1,
                                     c: try Matrix(rows: y.count, columns: 1, storage: y))
            try BLAS.gemv(a, x.storage, transpose: transposed, alpha: 1.5, beta: -1, into: &y)
            #expect(relativeError(y, expected.storage) <= tolerance(Double.self, terms: 60))
            let product = try a.converted(to: Float.self).multiplied(by: x.storage.map(Float.init), transposed: transposed)
            let plain = naiveGemm(a, x, transposeA: transposed, transposeB: false, alpha: 1, beta: 0,
                                  c: Matrix(rows: y.count, columns: 1))
            #expect(relativeError(product, plain.storage.map(Float.init)) <= tolerance(Float.self, terms: 60))
        }
    }

    @Test("gemv rejects vectors of the wrong length")
    func gemvMismatch() {
        let a = Matrix<Float>(rows: 3, columns: 2)
        #expect(throws: NumericError.dimensionMismatch("gemv: op(A) is 3×2 (A 3×2), so x needs 2 elements; got 3.")) {
            _ = try a.multiplied(by: [1, 2, 3])
        }
        var y: [Float] = [0, 0, 0]
        #expect(throws: NumericError.dimensionMismatch(
            "gemv: op(A) is 2×3 (A 3×2, transposed), so y needs 2 elements; got 3.")) {
            try BLAS.gemv(a, [1, 2, 3], transpose: true, into: &y)
        }
    }

    @Test("dot and axpy match plain loops")
    func dotAndAxpy() throws {
        let x: [Double] = randomMatrix(1000, 1, seed: 7).storage
        let y: [Double] = randomMatrix(1000, 1, seed: 8).storage
        let expected = zip(x, y).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(abs(try BLAS.dot(x, y) - expected) < 1e-10)
        #expect(try BLAS.dot([Float](), []) == 0)
        #expect(try BLAS.dot([Float(3)], [4]) == 12)
        var z = y
        try BLAS.axpy(alpha: 2.5, x: x, y: &z)
        #expect(relativeError(z, zip(x, y).map { 2.5 * $0 + $1 }) < 1e-15)
    }

    @Test("dot and axpy reject different lengths")
    func vectorMismatch() {
        #expect(throws: NumericError.dimensionMismatch("dot: x has 2 elements but y has 3; they must agree.")) {
            _ = try BLAS.dot([1.0, 2], [1.0, 2, 3])
        }
        var y: [Float] = [1]
        #expect(throws: NumericError.dimensionMismatch("axpy: x has 2 elements but y has 1; they must agree.")) {
            try BLAS.axpy(alpha: 1, x: [1, 2], y: &y)
        }
    }

    @Test("syrk equals gemm with its own transpose and is symmetric", arguments: [false, true])
    func syrk(transposed: Bool) throws {
        for (rows, columns) in [(1, 1), (100, 4), (4, 100)] {
            let a: Matrix<Float> = randomMatrix(rows, columns, seed: 9)
            let n = transposed ? columns : rows
            let c: Matrix<Float> = {
                let half: Matrix<Float> = randomMatrix(n, n, seed: 10)
                return try! Matrix.multiply(half, half, transposeB: true)
            }()
            var actual = c
            try BLAS.syrk(a, transpose: transposed, alpha: 0.5, beta: 2, into: &actual)
            let expected = naiveGemm(a, a, transposeA: transposed, transposeB: !transposed, alpha: 0.5, beta: 2, c: c)
            #expect(relativeError(actual.storage, expected.storage) <= tolerance(Float.self, terms: 110))
            #expect(actual == actual.transposed())
        }
        let x: Matrix<Double> = randomMatrix(30, 5, seed: 11)
        #expect(relativeError(try x.columnGram().storage, try Matrix.multiply(x, x, transposeA: true).storage) < 1e-13)
    }

    @Test("syrk rejects an output of the wrong shape")
    func syrkMismatch() {
        var c = Matrix<Double>(rows: 3, columns: 3)
        #expect(throws: NumericError.dimensionMismatch("syrk: op(A) is 4×2 (A 2×4, transposed), so C must be 4×4; got 3×3.")) {
            try BLAS.syrk(Matrix(rows: 2, columns: 4), transpose: true, into: &c)
        }
    }

    @Test("thread count can be pinned and is restored")
    func threads() {
        let before = BLAS.threadCount
        let inside = BLAS.withThreadCount(1) { BLAS.threadCount }
        #expect(inside == 1)
        #expect(BLAS.threadCount == before)
    }
}
