/// Rolling median and robust z-score over trailing time windows, ignoring NaN/±∞.
///
/// Goals, in order: deterministic → exact medians (as numpy's) → O(n log w) comparisons plus
/// O(n·w) bytes moved by `SortedWindow`, one window buffer per call.
enum RollingOrderStatistics {
    /// The median of each window's finite values; NaN when fewer than `minCount`.
    static func median(_ values: [Double], starts: [Int], minCount: Int) -> [Double] {
        walk(values, starts: starts, minCount: minCount) { window, _ in window.median }
    }

    /// (x − median) / max(1.4826 · MAD, epsilon · max(|median|, 1)) over each window (the
    /// row itself included); NaN when x is not finite or the window holds fewer than
    /// `minCount` finite values. 1.4826 makes the MAD estimate σ for normal data.
    static func robustZ(_ values: [Double], starts: [Int], minCount: Int, epsilon: Double) -> [Double] {
        walk(values, starts: starts, minCount: minCount) { window, x in
            guard x.isFinite else { return .nan }
            let median = window.median
            let mad = window.medianAbsoluteDeviation(around: median)
            let scale = max(1.4826 * mad, epsilon * max(abs(median), 1))
            return (x - median) / scale
        }
    }

    /// Slides a sorted window along the rows and evaluates `statistic` at each row whose
    /// window holds at least `minCount` finite values.
    private static func walk(
        _ values: [Double], starts: [Int], minCount: Int, statistic: (SortedWindow, Double) -> Double
    ) -> [Double] {
        let n = values.count
        var out = [Double](repeating: .nan, count: n)
        var widest = 0
        for i in 0 ..< n { widest = max(widest, i - starts[i] + 1) }
        var window = SortedWindow(capacity: widest)
        var lo = 0
        for i in 0 ..< n {
            if starts[i] == i {
                // Only this row is in the window (a group's first row, or a gap): start afresh.
                window.removeAll()
                lo = i
            }
            while lo < starts[i] {
                if values[lo].isFinite { window.remove(values[lo]) }
                lo += 1
            }
            if values[i].isFinite { window.insert(values[i]) }
            if window.count >= max(minCount, 1) { out[i] = statistic(window, values[i]) }
        }
        return out
    }
}
