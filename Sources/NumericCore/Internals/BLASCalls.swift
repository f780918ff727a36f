import CBLAS

// The only place NumericCore calls CBLAS. Every function here takes
// dimensions that the public wrappers have already checked and converted
// (CBLAS checks nothing), and dispatches on the scalar's precision; the
// pointer rebinding is sound because `S` *is* `Float` or `Double` there.

/// Thin, precision-dispatching calls into CBLAS, row-major throughout.
enum BLASCalls {
    @inline(__always)
    private static func cast<S, T>(_ pointer: UnsafePointer<S>?, to _: T.Type) -> UnsafePointer<T>? {
        pointer.map { UnsafeRawPointer($0).assumingMemoryBound(to: T.self) }
    }

    @inline(__always)
    private static func cast<S, T>(_ pointer: UnsafeMutablePointer<S>?, to _: T.Type) -> UnsafeMutablePointer<T>? {
        pointer.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: T.self) }
    }

    private static func transpose(_ flag: Bool) -> CBLAS_TRANSPOSE {
        flag ? CblasTrans : CblasNoTrans
    }

    /// `C ← alpha·op(A)·op(B) + beta·C` with `op(A)` m×k, `op(B)` k×n.
    static func gemm<S: BLASScalar>(
        transposeA: Bool, transposeB: Bool, m: Int32, n: Int32, k: Int32,
        alpha: S, a: UnsafePointer<S>?, lda: Int32, b: UnsafePointer<S>?, ldb: Int32,
        beta: S, c: UnsafeMutablePointer<S>?, ldc: Int32
    ) {
        if S.blasPrecision.isDouble {
            cblas_dgemm(CblasRowMajor, transpose(transposeA), transpose(transposeB), m, n, k,
                        Double(alpha), cast(a, to: Double.self), lda, cast(b, to: Double.self), ldb,
                        Double(beta), cast(c, to: Double.self), ldc)
        } else {
            cblas_sgemm(CblasRowMajor, transpose(transposeA), transpose(transposeB), m, n, k,
                        Float(alpha), cast(a, to: Float.self), lda, cast(b, to: Float.self), ldb,
                        Float(beta), cast(c, to: Float.self), ldc)
        }
    }

    /// `y ← alpha·op(A)·x + beta·y` with `A` m×n stored row-major.
    static func gemv<S: BLASScalar>(
        transpose flag: Bool, m: Int32, n: Int32, alpha: S, a: UnsafePointer<S>?, lda: Int32,
        x: UnsafePointer<S>?, beta: S, y: UnsafeMutablePointer<S>?
    ) {
        if S.blasPrecision.isDouble {
            cblas_dgemv(CblasRowMajor, transpose(flag), m, n, Double(alpha), cast(a, to: Double.self), lda,
                        cast(x, to: Double.self), 1, Double(beta), cast(y, to: Double.self), 1)
        } else {
            cblas_sgemv(CblasRowMajor, transpose(flag), m, n, Float(alpha), cast(a, to: Float.self), lda,
                        cast(x, to: Float.self), 1, Float(beta), cast(y, to: Float.self), 1)
        }
    }

    /// `xᵀy` over `n` contiguous elements.
    static func dot<S: BLASScalar>(n: Int32, x: UnsafePointer<S>?, y: UnsafePointer<S>?) -> S {
        if S.blasPrecision.isDouble {
            S(cblas_ddot(n, cast(x, to: Double.self), 1, cast(y, to: Double.self), 1))
        } else {
            S(cblas_sdot(n, cast(x, to: Float.self), 1, cast(y, to: Float.self), 1))
        }
    }

    /// `y ← alpha·x + y` over `n` contiguous elements.
    static func axpy<S: BLASScalar>(n: Int32, alpha: S, x: UnsafePointer<S>?, y: UnsafeMutablePointer<S>?) {
        if S.blasPrecision.isDouble {
            cblas_daxpy(n, Double(alpha), cast(x, to: Double.self), 1, cast(y, to: Double.self), 1)
        } else {
            cblas_saxpy(n, Float(alpha), cast(x, to: Float.self), 1, cast(y, to: Float.self), 1)
        }
    }

    /// Upper triangle of `C ← alpha·op(A)·op(A)ᵀ + beta·C` with `C` n×n and `op(A)` n×k.
    static func syrkUpper<S: BLASScalar>(
        transpose flag: Bool, n: Int32, k: Int32, alpha: S, a: UnsafePointer<S>?, lda: Int32,
        beta: S, c: UnsafeMutablePointer<S>?, ldc: Int32
    ) {
        if S.blasPrecision.isDouble {
            cblas_dsyrk(CblasRowMajor, CblasUpper, transpose(flag), n, k, Double(alpha),
                        cast(a, to: Double.self), lda, Double(beta), cast(c, to: Double.self), ldc)
        } else {
            cblas_ssyrk(CblasRowMajor, CblasUpper, transpose(flag), n, k, Float(alpha),
                        cast(a, to: Float.self), lda, Float(beta), cast(c, to: Float.self), ldc)
        }
    }

    /// The number of threads OpenBLAS uses per call.
    static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Sets the number of threads OpenBLAS uses per call, process-wide.
    static func setThreadCount(_ count: Int32) { openblas_set_num_threads(count) }

    /// Stops OpenBLAS's worker threads; its next threaded call starts them again.
    static func stopWorkerThreads() { cblas_shim_stop_worker_threads() }
}
