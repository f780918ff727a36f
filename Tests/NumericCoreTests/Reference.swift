@testable import NumericCore

// Naive references the BLAS and LAPACK wrappers are checked against.

/// A matrix of standard normal entries from a fixed seed.
func randomMatrix<S: BLASScalar>(_ rows: Int, _ columns: Int, seed: UInt64, as _: S.Type = S.self) -> Matrix<S> {
    var rng = SeededRandom(seed: seed)
    return try! Matrix(rows: rows, columns: columns, storage: (0 ..< rows * columns).map { _ in S(rng.nextGaussian()) })
}

/// `alpha·op(A)·op(B) + beta·C` by the textbook triple loop, accumulated in Double.
func naiveGemm<S: BLASScalar>(
    _ a: Matrix<S>, _ b: Matrix<S>, transposeA: Bool, transposeB: Bool, alpha: S, beta: S, c: Matrix<S>
) -> Matrix<S> {
    let opA = transposeA ? a.transposed() : a
    let opB = transposeB ? b.transposed() : b
    var result = c
    for i in 0 ..< opA.rows {
        for j in 0 ..< opB.columns {
            var sum = 0.0
            for k in 0 ..< opA.columns { sum += Double(opA[i, k]) * Double(opB[k, j]) }
            result[i, j] = S(Double(alpha) * sum + (beta == 0 ? 0 : Double(beta) * Double(c[i, j])))
        }
    }
    return result
}

/// The largest absolute elementwise difference, relative to the largest magnitude in `expected` (at least 1).
func relativeError<S: BLASScalar>(_ actual: [S], _ expected: [S]) -> Double {
    precondition(actual.count == expected.count)
    let scale = max(1, expected.map { abs(Double($0)) }.max() ?? 1)
    return zip(actual, expected).map { abs(Double($0) - Double($1)) }.max().map { $0 / scale } ?? 0
}

/// A tolerance for results of length-`k` sums in precision `S`.
func tolerance<S: BLASScalar>(_: S.Type, terms: Int) -> Double {
    Double(S.ulpOfOne) * Double(max(terms, 1)) * 8
}
