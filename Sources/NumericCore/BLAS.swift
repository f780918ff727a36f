/// Checked BLAS operations on ``Matrix`` and arrays, for `Float` and `Double`.
///
/// Each wrapper checks every shape before calling OpenBLAS (which checks
/// nothing and would read out of bounds) and throws a ``NumericError`` that
/// names the shapes involved. Matrices are row-major; transposes are flags,
/// never copies. OpenBLAS parallelises large calls over ``threadCount`` threads.
public enum BLAS {
    /// General matrix product: `C ← alpha·op(A)·op(B) + beta·C`.
    ///
    /// - Parameters:
    ///   - a: the left operand; `op(A)` must be m×k.
    ///   - b: the right operand; `op(B)` must be k×n.
    ///   - transposeA: use `Aᵀ` instead of `A`; default `false`.
    ///   - transposeB: use `Bᵀ` instead of `B`; default `false`.
    ///   - alpha: scale of the product; default 1.
    ///   - beta: scale of the existing `C`; default 0, which ignores what `C` held (even NaN).
    ///   - c: the m×n result, updated in place.
    /// - Throws: `NumericError.dimensionMismatch` when the shapes disagree;
    ///   `NumericError.dimensionTooLarge` when a dimension exceeds `Int32.max`.
    /// - Complexity: O(m·n·k).
    public static func gemm<S: BLASScalar>(
        _ a: Matrix<S>, _ b: Matrix<S>, transposeA: Bool = false, transposeB: Bool = false,
        alpha: S = 1, beta: S = 0, into c: inout Matrix<S>
    ) throws(NumericError) {
        let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (innerB, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        let opA = "op(A) is \(m)×\(k) (A \(a.shapeDescription)\(transposeA ? ", transposed" : ""))"
        let opB = "op(B) is \(innerB)×\(n) (B \(b.shapeDescription)\(transposeB ? ", transposed" : ""))"
        guard k == innerB else {
            throw .dimensionMismatch("gemm: \(opA) but \(opB); the inner dimensions \(k) and \(innerB) must agree.")
        }
        guard c.rows == m, c.columns == n else {
            throw .dimensionMismatch("gemm: \(opA) and \(opB), so C must be \(m)×\(n); got \(c.shapeDescription).")
        }
        let routine = "\(S.blasPrecision)gemm"
        let m32 = try blasDimension(m, "m", routine: routine)
        let n32 = try blasDimension(n, "n", routine: routine)
        let k32 = try blasDimension(k, "k", routine: routine)
        let lda = try leadingDimension(a.columns, routine: routine)
        let ldb = try leadingDimension(b.columns, routine: routine)
        let ldc = try leadingDimension(c.columns, routine: routine)
        guard m > 0, n > 0 else { return }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    // With k = 0 the product is empty; BLAS then only scales C by beta.
                    BLASCalls.gemm(transposeA: transposeA, transposeB: transposeB, m: m32, n: n32, k: k32,
                                   alpha: alpha, a: pa.baseAddress, lda: lda, b: pb.baseAddress, ldb: ldb,
                                   beta: beta, c: pc.baseAddress, ldc: ldc)
                }
            }
        }
    }

    /// Matrix–vector product: `y ← alpha·op(A)·x + beta·y`.
    ///
    /// - Parameters:
    ///   - a: an m×n matrix; `op(A)` is `A` (m×n) or `Aᵀ` (n×m).
    ///   - x: as many elements as `op(A)` has columns.
    ///   - transpose: use `Aᵀ`; default `false`.
    ///   - alpha: scale of the product; default 1.
    ///   - beta: scale of the existing `y`; default 0, which ignores what `y` held.
    ///   - y: as many elements as `op(A)` has rows, updated in place.
    /// - Throws: `NumericError.dimensionMismatch` naming the shapes; `NumericError.dimensionTooLarge`.
    /// - Complexity: O(m·n).
    public static func gemv<S: BLASScalar>(
        _ a: Matrix<S>, _ x: [S], transpose: Bool = false, alpha: S = 1, beta: S = 0, into y: inout [S]
    ) throws(NumericError) {
        let (outputs, inputs) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
        let opA = "op(A) is \(outputs)×\(inputs) (A \(a.shapeDescription)\(transpose ? ", transposed" : ""))"
        guard x.count == inputs else {
            throw .dimensionMismatch("gemv: \(opA), so x needs \(inputs) elements; got \(x.count).")
        }
        guard y.count == outputs else {
            throw .dimensionMismatch("gemv: \(opA), so y needs \(outputs) elements; got \(y.count).")
        }
        let routine = "\(S.blasPrecision)gemv"
        let m32 = try blasDimension(a.rows, "m", routine: routine)
        let n32 = try blasDimension(a.columns, "n", routine: routine)
        let lda = try leadingDimension(a.columns, routine: routine)
        guard outputs > 0 else { return }
        guard inputs > 0 else {
            // BLAS quick-returns on an empty dimension without applying beta; do it here.
            for index in y.indices { y[index] = beta == 0 ? 0 : beta * y[index] }
            return
        }
        a.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    BLASCalls.gemv(transpose: transpose, m: m32, n: n32, alpha: alpha, a: pa.baseAddress, lda: lda,
                                   x: px.baseAddress, beta: beta, y: py.baseAddress)
                }
            }
        }
    }

    /// Inner product `xᵀy`.
    /// - Throws: `NumericError.dimensionMismatch` when the lengths differ; `NumericError.dimensionTooLarge`.
    /// - Complexity: O(n).
    public static func dot<S: BLASScalar>(_ x: [S], _ y: [S]) throws(NumericError) -> S {
        guard x.count == y.count else {
            throw .dimensionMismatch("dot: x has \(x.count) elements but y has \(y.count); they must agree.")
        }
        let n = try blasDimension(x.count, "n", routine: "\(S.blasPrecision)dot")
        guard n > 0 else { return 0 }
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in BLASCalls.dot(n: n, x: px.baseAddress, y: py.baseAddress) }
        }
    }

    /// Scaled vector addition: `y ← alpha·x + y`.
    /// - Throws: `NumericError.dimensionMismatch` when the lengths differ; `NumericError.dimensionTooLarge`.
    /// - Complexity: O(n).
    public static func axpy<S: BLASScalar>(alpha: S, x: [S], y: inout [S]) throws(NumericError) {
        guard x.count == y.count else {
            throw .dimensionMismatch("axpy: x has \(x.count) elements but y has \(y.count); they must agree.")
        }
        let n = try blasDimension(x.count, "n", routine: "\(S.blasPrecision)axpy")
        guard n > 0 else { return }
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in BLASCalls.axpy(n: n, alpha: alpha, x: px.baseAddress, y: py.baseAddress) }
        }
    }

    /// Symmetric rank-k update: `C ← alpha·A·Aᵀ + beta·C`, or `alpha·Aᵀ·A + beta·C` when `transpose`.
    ///
    /// About half the work of the equivalent ``gemm(_:_:transposeA:transposeB:alpha:beta:into:)``.
    /// BLAS computes the upper triangle; this wrapper mirrors it into the lower one,
    /// so `C` comes back fully symmetric. When `beta ≠ 0` only the upper triangle of the old `C` is read.
    ///
    /// - Parameters:
    ///   - a: n×k (or k×n with `transpose`).
    ///   - transpose: form the Gram matrix of the columns (`AᵀA`, e.g. `XᵀX` for a feature matrix); default `false`.
    ///   - alpha: scale of the product; default 1.
    ///   - beta: scale of the existing `C`; default 0.
    ///   - c: the n×n result.
    /// - Throws: `NumericError.dimensionMismatch` when `C` is not n×n; `NumericError.dimensionTooLarge`.
    /// - Complexity: O(n²·k).
    public static func syrk<S: BLASScalar>(
        _ a: Matrix<S>, transpose: Bool = false, alpha: S = 1, beta: S = 0, into c: inout Matrix<S>
    ) throws(NumericError) {
        let (n, k) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
        guard c.rows == n, c.columns == n else {
            throw .dimensionMismatch(
                "syrk: op(A) is \(n)×\(k) (A \(a.shapeDescription)\(transpose ? ", transposed" : "")), so C must be \(n)×\(n); got \(c.shapeDescription).")
        }
        let routine = "\(S.blasPrecision)syrk"
        let n32 = try blasDimension(n, "n", routine: routine)
        let k32 = try blasDimension(k, "k", routine: routine)
        let lda = try leadingDimension(a.columns, routine: routine)
        let ldc = try leadingDimension(c.columns, routine: routine)
        guard n > 0 else { return }
        a.withUnsafeBufferPointer { pa in
            c.withUnsafeMutableBufferPointer { pc in
                BLASCalls.syrkUpper(transpose: transpose, n: n32, k: k32, alpha: alpha, a: pa.baseAddress, lda: lda,
                                    beta: beta, c: pc.baseAddress, ldc: ldc)
                for row in 1 ..< max(1, n) {
                    for column in 0 ..< row { pc[row * n + column] = pc[column * n + row] }
                }
            }
        }
    }
}
