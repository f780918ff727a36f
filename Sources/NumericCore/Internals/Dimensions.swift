/// Converts a dimension for BLAS or LAPACK, which take 32-bit integers and check nothing themselves.
/// - Throws: `NumericError.dimensionTooLarge` naming the routine and the dimension.
func blasDimension(_ value: Int, _ name: String, routine: String) throws(NumericError) -> Int32 {
    guard let converted = Int32(exactly: value) else {
        throw .dimensionTooLarge(
            "\(routine): \(name) = \(value) exceeds \(Int32.max), the largest dimension BLAS and LAPACK accept.")
    }
    return converted
}

/// A leading dimension for a row-major operand with `columns` columns; BLAS requires it to be at least 1.
func leadingDimension(_ columns: Int, routine: String) throws(NumericError) -> Int32 {
    try blasDimension(max(1, columns), "leading dimension", routine: routine)
}

extension Matrix {
    /// The shape as "rows×columns", for error messages.
    var shapeDescription: String { "\(rows)×\(columns)" }
}
