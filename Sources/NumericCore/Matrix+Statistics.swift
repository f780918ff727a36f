// Column statistics of a feature matrix.
// Goals, in order: deterministic → correct (NaN is missing and skipped; sums in
// Double) → bounded memory (one column copy at a time for order statistics) →
// fast (moments read the row-major storage in order).

extension Matrix where Scalar == Float {
    /// The number of non-NaN elements in each column.
    /// - Complexity: O(rows × columns).
    public func columnPresentCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: columns)
        for row in 0 ..< rows {
            for column in 0 ..< columns where !elements[row * columns + column].isNaN {
                counts[column] += 1
            }
        }
        return counts
    }

    /// The mean of each column, skipping NaN; NaN for a column with no value (numpy's `nanmean`).
    /// - Complexity: O(rows × columns).
    public func columnMeans() -> [Double] {
        var sums = [Double](repeating: 0, count: columns)
        var counts = [Int](repeating: 0, count: columns)
        for row in 0 ..< rows {
            for column in 0 ..< columns {
                let value = elements[row * columns + column]
                if !value.isNaN {
                    sums[column] += Double(value)
                    counts[column] += 1
                }
            }
        }
        return zip(sums, counts).map { $1 == 0 ? .nan : $0 / Double($1) }
    }

    /// The variance of each column, skipping NaN (numpy's `nanvar`).
    ///
    /// Two passes with the compensation term of Chan, Golub & LeVeque (1983), so large
    /// offsets (timestamps, byte counters) do not cancel catastrophically.
    /// - Parameter deltaDegreesOfFreedom: the divisor is `count − ddof`; default 0 as in numpy
    ///   (the maximum-likelihood variance); pass 1 for the unbiased sample variance as pandas does.
    /// - Returns: NaN for a column whose present count is not above `deltaDegreesOfFreedom`.
    /// - Complexity: O(rows × columns).
    public func columnVariances(deltaDegreesOfFreedom: Int = 0) -> [Double] {
        let means = columnMeans()
        var squares = [Double](repeating: 0, count: columns)
        var deviations = [Double](repeating: 0, count: columns)
        var counts = [Int](repeating: 0, count: columns)
        for row in 0 ..< rows {
            for column in 0 ..< columns {
                let value = elements[row * columns + column]
                if !value.isNaN {
                    let deviation = Double(value) - means[column]
                    deviations[column] += deviation
                    squares[column] += deviation * deviation
                    counts[column] += 1
                }
            }
        }
        return (0 ..< columns).map { column in
            let count = Double(counts[column])
            let divisor = count - Double(deltaDegreesOfFreedom)
            guard divisor > 0 else { return .nan }
            let corrected = squares[column] - deviations[column] * deviations[column] / count
            return max(0, corrected) / divisor
        }
    }

    /// The smallest value of each column, skipping NaN; NaN for a column with no value.
    /// - Complexity: O(rows × columns).
    public func columnMinimums() -> [Float] {
        columnExtremes(keepsFirst: <)
    }

    /// The largest value of each column, skipping NaN; NaN for a column with no value.
    /// - Complexity: O(rows × columns).
    public func columnMaximums() -> [Float] {
        columnExtremes(keepsFirst: >)
    }

    private func columnExtremes(keepsFirst: (Float, Float) -> Bool) -> [Float] {
        var extremes = [Float](repeating: .nan, count: columns)
        for row in 0 ..< rows {
            for column in 0 ..< columns {
                let value = elements[row * columns + column]
                if !value.isNaN, extremes[column].isNaN || keepsFirst(value, extremes[column]) {
                    extremes[column] = value
                }
            }
        }
        return extremes
    }

    /// Quantiles of each column, skipping NaN (numpy's `nanquantile(x, probabilities, axis=0)`,
    /// linear interpolation; see ``Statistics``).
    /// - Parameter probabilities: each in [0, 1].
    /// - Returns: a `probabilities.count × columns` matrix; row `i` holds quantile `probabilities[i]`
    ///   of every column, NaN for a column with no value.
    /// - Throws: `NumericError.invalidArgument` when a probability is outside [0, 1].
    /// - Complexity: O(columns × rows log rows) time, O(rows) extra memory.
    public func columnQuantiles(_ probabilities: [Double]) throws(NumericError) -> Matrix<Double> {
        try Statistics.validate(probabilities)
        return columnQuantiles(validated: probabilities)
    }

    /// Column quantiles for probabilities already known to lie in [0, 1].
    private func columnQuantiles(validated probabilities: [Double]) -> Matrix<Double> {
        var result = Matrix<Double>(rows: probabilities.count, columns: columns)
        var present: [Double] = []
        present.reserveCapacity(rows)
        for column in 0 ..< columns {
            present.removeAll(keepingCapacity: true)
            for row in 0 ..< rows {
                let value = elements[row * columns + column]
                if !value.isNaN { present.append(Double(value)) }
            }
            present.sort()
            for (index, probability) in probabilities.enumerated() {
                result[index, column] = Statistics.quantile(sorted: present, probability: probability)
            }
        }
        return result
    }

    /// The median of each column, skipping NaN; NaN for a column with no value.
    /// - Complexity: O(columns × rows log rows).
    public func columnMedians() -> [Double] {
        columnQuantiles(validated: [0.5]).storage
    }
}
