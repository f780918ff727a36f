import CBLAS

// The only place NumericCore calls LAPACKE. Dimensions arrive checked; every
// `info` code leaves through `check(_:routine:)`, the one place that turns
// LAPACK status codes into errors.

/// Thin, precision-dispatching calls into LAPACKE, row-major, upper triangle.
enum LAPACKCalls {
    private static let upper = CChar(UInt8(ascii: "U"))
    private static let vectors = CChar(UInt8(ascii: "V"))

    @inline(__always)
    private static func cast<S, T>(_ pointer: UnsafeMutablePointer<S>?, to _: T.Type) -> UnsafeMutablePointer<T>? {
        pointer.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: T.self) }
    }

    /// Eigenvalues (ascending, into `w`) and eigenvectors (as columns, over `a`) of a symmetric n×n matrix.
    static func syevd<S: BLASScalar>(
        n: Int32, a: UnsafeMutablePointer<S>?, lda: Int32, w: UnsafeMutablePointer<S>?
    ) throws(NumericError) {
        let info: cblas_lapack_int = if S.blasPrecision.isDouble {
            LAPACKE_dsyevd(LAPACK_ROW_MAJOR, vectors, upper, n, cast(a, to: Double.self), lda, cast(w, to: Double.self))
        } else {
            LAPACKE_ssyevd(LAPACK_ROW_MAJOR, vectors, upper, n, cast(a, to: Float.self), lda, cast(w, to: Float.self))
        }
        try check(info, routine: "\(S.blasPrecision)syevd") { "did not converge (info \($0))." }
    }

    /// Cholesky factor `A = UᵀU` of an n×n matrix, written over its upper triangle.
    static func potrf<S: BLASScalar>(n: Int32, a: UnsafeMutablePointer<S>?, lda: Int32) throws(NumericError) {
        let info: cblas_lapack_int = if S.blasPrecision.isDouble {
            LAPACKE_dpotrf(LAPACK_ROW_MAJOR, upper, n, cast(a, to: Double.self), lda)
        } else {
            LAPACKE_spotrf(LAPACK_ROW_MAJOR, upper, n, cast(a, to: Float.self), lda)
        }
        try check(info, routine: "\(S.blasPrecision)potrf") {
            "the matrix is not positive definite; its leading minor of order \($0) is not positive (info \($0))."
        }
    }

    /// Solves `UᵀU·X = B` for `nrhs` right-hand sides given the factor from `potrf`; `X` overwrites `B`.
    static func potrs<S: BLASScalar>(
        n: Int32, nrhs: Int32, factor: UnsafePointer<S>?, lda: Int32, b: UnsafeMutablePointer<S>?, ldb: Int32
    ) throws(NumericError) {
        // LAPACKE declares the factor mutable although potrs only reads it.
        let a = UnsafeMutablePointer(mutating: factor)
        let info: cblas_lapack_int = if S.blasPrecision.isDouble {
            LAPACKE_dpotrs(LAPACK_ROW_MAJOR, upper, n, nrhs, cast(a, to: Double.self), lda, cast(b, to: Double.self), ldb)
        } else {
            LAPACKE_spotrs(LAPACK_ROW_MAJOR, upper, n, nrhs, cast(a, to: Float.self), lda, cast(b, to: Float.self), ldb)
        }
        try check(info, routine: "\(S.blasPrecision)potrs") { "failed (info \($0))." }
    }

    /// Turns a LAPACKE `info` code into an error naming the routine and what went wrong.
    /// - Parameter failure: the routine-specific meaning of a positive `info`, completing "ROUTINE: …".
    static func check(
        _ info: cblas_lapack_int, routine: String, failure: (cblas_lapack_int) -> String
    ) throws(NumericError) {
        switch info {
        case 0:
            return
        case LAPACK_WORK_MEMORY_ERROR, LAPACK_TRANSPOSE_MEMORY_ERROR:
            throw .factorizationFailed("\(routine) could not allocate its workspace (info \(info)).")
        case ..<0:
            throw .factorizationFailed(
                "\(routine) rejected argument \(-info) (info \(info)); the matrix may contain NaN.")
        default:
            throw .factorizationFailed("\(routine): \(failure(info))")
        }
    }
}
