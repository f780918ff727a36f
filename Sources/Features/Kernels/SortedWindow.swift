/// The finite values of a sliding window kept sorted, for rolling medians and MADs.
///
/// Goals, in order: deterministic and exact (the median and MAD are values of the window or
/// means of two, as numpy computes them) → O(log w) comparisons per insert and removal plus a
/// memmove of at most w doubles (2.3 KB for a day of 5-minute buckets) → the MAD in
/// O(log w) by selecting in two sorted distance sequences, no allocation after `init`.
struct SortedWindow {
    private var sorted: [Double]

    /// An empty window that can hold `capacity` values without reallocating.
    init(capacity: Int) {
        sorted = []
        sorted.reserveCapacity(capacity)
    }

    var count: Int { sorted.count }

    mutating func removeAll() { sorted.removeAll(keepingCapacity: true) }

    /// The first position whose value is not below `value`.
    private func lowerBound(_ value: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Adds a finite value.
    mutating func insert(_ value: Double) {
        sorted.insert(value, at: lowerBound(value))
    }

    /// Removes one copy of a finite value previously inserted.
    mutating func remove(_ value: Double) {
        sorted.remove(at: lowerBound(value))
    }

    /// The median; the window must not be empty.
    var median: Double {
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// The median absolute deviation from `center` (the median); the window must not be empty.
    ///
    /// Distances below the split (`center − sorted[p − 1 − i]`) and above it
    /// (`sorted[p + i] − center`) are two ascending sequences; their k-th smallest element
    /// is found by binary search, without building either.
    func medianAbsoluteDeviation(around center: Double) -> Double {
        let n = sorted.count
        let split = lowerBound(center)
        let k = (n - 1) / 2
        return n % 2 == 1
            ? smallestDistance(k, center: center, split: split)
            : (smallestDistance(k, center: center, split: split)
                + smallestDistance(k + 1, center: center, split: split)) / 2
    }

    /// The k-th (0-based) smallest |x − center|.
    private func smallestDistance(_ k: Int, center: Double, split: Int) -> Double {
        let a = split, b = sorted.count - split
        func below(_ i: Int) -> Double { center - sorted[split - 1 - i] }
        func above(_ i: Int) -> Double { sorted[split + i] - center }
        // Take i from below and k + 1 − i from above; find the smallest i that is not too few.
        var lo = max(0, k + 1 - b), hi = min(a, k + 1)
        while lo < hi {
            let i = (lo + hi) / 2
            let j = k + 1 - i
            if j > 0, i < a, above(j - 1) > below(i) { lo = i + 1 } else { hi = i }
        }
        let i = lo, j = k + 1 - i
        let fromBelow = i > 0 ? below(i - 1) : -Double.infinity
        let fromAbove = j > 0 ? above(j - 1) : -Double.infinity
        return max(fromBelow, fromAbove)
    }
}
