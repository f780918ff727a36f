/// Centring by the median and scaling by the interquartile range, per column
/// (scikit-learn's `RobustScaler` with its defaults).
///
/// Robust to the outliers that operations metrics are full of: a single spike
/// moves neither the median nor the quartiles much. NaN stays NaN (missing).
/// A fitted scaler is a plain value: store ``center`` and ``scale`` with a model
/// and rebuild it with ``init(center:scale:)``.
public struct RobustScaler: Sendable, Equatable, Codable {
    /// The value subtracted from each column: its median.
    public let center: [Double]
    /// The divisor of each column: its interquartile range, or 1 where that range is 0 or undefined.
    public let scale: [Double]

    /// A scaler with known parameters, e.g. read back from a model file.
    /// - Throws: `NumericError.dimensionMismatch` when the arrays differ in length;
    ///   `NumericError.invalidArgument` when a scale is not finite and positive or a center is not finite.
    public init(center: [Double], scale: [Double]) throws(NumericError) {
        guard center.count == scale.count else {
            throw .dimensionMismatch(
                "RobustScaler needs one scale per center; got \(center.count) centers and \(scale.count) scales.")
        }
        if let index = scale.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw .invalidArgument("RobustScaler scales must be finite and positive; scale \(index) is \(scale[index]).")
        }
        if let index = center.firstIndex(where: { !$0.isFinite }) {
            throw .invalidArgument("RobustScaler centers must be finite; center \(index) is \(center[index]).")
        }
        self.center = center
        self.scale = scale
    }

    /// Fits median and interquartile range on each column of `matrix`, skipping NaN.
    ///
    /// - Parameters:
    ///   - matrix: the training features.
    ///   - quantileRange: the lower and upper percentiles whose difference is the scale, each in
    ///     [0, 100] with lower < upper; default 25...75, the interquartile range (scikit-learn's default).
    /// - Throws: `NumericError.invalidArgument` for a bad range.
    /// - Note: a column with no value gets center 0 and scale 1; a constant column gets scale 1,
    ///   so neither turns into NaN or infinity (scikit-learn does the same for zero ranges).
    /// - Complexity: O(columns × rows log rows).
    public init(fitting matrix: Matrix<Float>, quantileRange: ClosedRange<Double> = 25 ... 75) throws(NumericError) {
        guard quantileRange.lowerBound >= 0, quantileRange.upperBound <= 100,
              quantileRange.lowerBound < quantileRange.upperBound else {
            throw .invalidArgument(
                "RobustScaler quantileRange must satisfy 0 ≤ lower < upper ≤ 100; got \(quantileRange.lowerBound)...\(quantileRange.upperBound).")
        }
        let quantiles = try matrix.columnQuantiles(
            [0.5, quantileRange.lowerBound / 100, quantileRange.upperBound / 100])
        var center: [Double] = []
        var scale: [Double] = []
        for column in 0 ..< matrix.columns {
            let median = quantiles[0, column]
            let range = quantiles[2, column] - quantiles[1, column]
            center.append(median.isNaN ? 0 : median)
            scale.append(range.isFinite && range > 0 ? range : 1)
        }
        try self.init(center: center, scale: scale)
    }

    /// `(x − center) / scale` for every element, computed in Double and stored as Float.
    /// - Throws: `NumericError.dimensionMismatch` when `matrix` has a different number of columns.
    /// - Complexity: O(rows × columns).
    public func transform(_ matrix: Matrix<Float>) throws(NumericError) -> Matrix<Float> {
        try map(matrix, action: "transform") { value, column in (value - center[column]) / scale[column] }
    }

    /// `x · scale + center` for every element: undoes ``transform(_:)`` up to Float rounding.
    /// - Throws: `NumericError.dimensionMismatch` when `matrix` has a different number of columns.
    /// - Complexity: O(rows × columns).
    public func inverseTransform(_ matrix: Matrix<Float>) throws(NumericError) -> Matrix<Float> {
        try map(matrix, action: "inverse-transform") { value, column in value * scale[column] + center[column] }
    }

    private func map(
        _ matrix: Matrix<Float>, action: String, _ body: (Double, Int) -> Double
    ) throws(NumericError) -> Matrix<Float> {
        guard matrix.columns == center.count else {
            throw .dimensionMismatch(
                "RobustScaler was fitted on \(center.count) columns; cannot \(action) a matrix of \(matrix.rows)×\(matrix.columns).")
        }
        var result = matrix
        let columns = matrix.columns
        result.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices {
                buffer[index] = Float(body(Double(buffer[index]), index % columns))
            }
        }
        return result
    }
}
