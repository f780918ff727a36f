/// Rolling mean and sample standard deviation over trailing time windows, ignoring NaN/±∞.
///
/// Goals, in order: deterministic → accurate (the mean is a compensated running sum, so it
/// does not drift over millions of rows; the deviation uses Welford's update with exact
/// recomputation, never the cancelling Σx² − (Σx)²/n) → amortised O(n) → no allocation per row.
enum RollingMoments {
    /// The mean of the finite values in each window; NaN when fewer than `minCount`.
    static func mean(_ values: [Double], starts: [Int], minCount: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: values.count)
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { out in
                var sum = CompensatedSum()
                var count = 0
                var lo = 0
                for i in 0 ..< x.count {
                    // At a group's first row the start jumps to i, emptying the window.
                    while lo < starts[i] {
                        if x[lo].isFinite { sum.add(-x[lo]); count -= 1 }
                        lo += 1
                    }
                    if count == 0 { sum = CompensatedSum() }
                    if x[i].isFinite { sum.add(x[i]); count += 1 }
                    if count >= minCount { out[i] = sum.value / Double(count) }
                }
            }
        }
        return out
    }

    /// The sample standard deviation (divisor n − 1) of the finite values in each window;
    /// NaN when fewer than max(2, `minCount`).
    ///
    /// Welford's update adds and removes one value per step (West 1979). Removing values
    /// cancels, so the mean and squared deviations are recomputed exactly (two passes over
    /// the window) after as many steps as the window holds, and whenever the sum of squared
    /// deviations falls below 1/1000 of its peak since the last recomputation (a spike
    /// leaving the window). Between recomputations the error stays below about
    /// w · 1000 · ε relative, 10⁻¹⁰ for a day of 5-minute buckets; amortised O(1) per row.
    static func standardDeviation(_ values: [Double], starts: [Int], minCount: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: values.count)
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { out in
                var count = 0, mean = 0.0, squares = 0.0, peak = 0.0, steps = 0, lo = 0
                for i in 0 ..< x.count {
                    if starts[i] == i {
                        count = 0; mean = 0; squares = 0; peak = 0; steps = 0; lo = i
                    }
                    while lo < starts[i] {
                        let v = x[lo]
                        lo += 1
                        guard v.isFinite else { continue }
                        if count == 1 {
                            count = 0; mean = 0; squares = 0
                        } else {
                            count -= 1
                            let d = v - mean
                            mean -= d / Double(count)
                            squares -= d * (v - mean)
                        }
                    }
                    let v = x[i]
                    if v.isFinite {
                        count += 1
                        let d = v - mean
                        mean += d / Double(count)
                        squares += d * (v - mean)
                    }
                    steps += 1
                    if count > 0, steps > i - lo + 1 || squares < 1e-3 * peak {
                        (mean, squares) = exactMoments(x, from: lo, through: i, count: count)
                        peak = squares
                        steps = 0
                    }
                    peak = max(peak, squares)
                    if count >= max(2, minCount) { out[i] = (max(squares, 0) / Double(count - 1)).squareRoot() }
                }
            }
        }
        return out
    }

    /// The mean and the sum of squared deviations of the finite values in x[from ... through],
    /// by two passes.
    private static func exactMoments(
        _ x: UnsafeBufferPointer<Double>, from: Int, through: Int, count: Int
    ) -> (mean: Double, squares: Double) {
        var sum = 0.0
        for j in from ... through where x[j].isFinite { sum += x[j] }
        let mean = sum / Double(count)
        var squares = 0.0
        for j in from ... through where x[j].isFinite {
            let d = x[j] - mean
            squares += d * d
        }
        return (mean, squares)
    }
}

/// Neumaier's compensated sum: adding and removing values keeps an error near one rounding
/// of the largest magnitude seen, whatever the number of steps.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ value: Double) {
        let total = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - total) + value
        } else {
            compensation += (value - total) + sum
        }
        sum = total
    }

    var value: Double { sum + compensation }
}
