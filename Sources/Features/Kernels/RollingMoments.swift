/// Rolling mean and sample standard deviation over trailing time windows, ignoring NaN/±∞.
///
/// Goals, in order: deterministic → accurate (the mean is a compensated running sum, so it
/// does not drift over millions of rows; the deviation is a second, centred pass over the
/// window, never the cancelling Σx² − (Σx)²/n) → O(n) for the mean, O(n·w) for the deviation
/// (w = rows per window; 12 for 1 h of 5-minute buckets), no allocation per row.
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

    /// The sample standard deviation (divisor n − 1) of the finite values in each window,
    /// centred on `means`; NaN when fewer than max(2, `minCount`).
    static func standardDeviation(_ values: [Double], starts: [Int], means: [Double], minCount: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: values.count)
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { out in
                for i in 0 ..< x.count where means[i].isFinite {
                    let mean = means[i]
                    var squares = 0.0
                    var count = 0
                    for j in starts[i] ... i where x[j].isFinite {
                        let d = x[j] - mean
                        squares += d * d
                        count += 1
                    }
                    if count >= max(2, minCount) { out[i] = (squares / Double(count - 1)).squareRoot() }
                }
            }
        }
        return out
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
