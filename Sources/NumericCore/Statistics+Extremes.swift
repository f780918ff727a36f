// Quantiles near the top or the bottom, without sorting.
//
// Goals, in order: exactly the value `quantiles(of:probabilities:)` returns (the
// same two order statistics, ties between −0.0 and +0.0 resolved as its sort
// resolves them) → fast. An alert threshold such as "the top 0.1 % of training
// scores" needs only the ~n/1000 largest values: a heap of them costs one
// comparison for most values, against the six passes of a radix sort of all n.

extension Statistics {
    /// Most order statistics kept in the heap; quantiles needing more use the sort.
    static let extremeLimit = 4_096

    /// The quantile of NaN-free `values` at `probability` from the heap of its most extreme values,
    /// or nil when the quantile is too far from both ends (or `values` too few) to pay.
    static func extremeQuantile(of values: [Double], probability: Double) -> Double? {
        let count = values.count
        guard count >= 4 * extremeLimit else { return nil }
        let position = Double(count - 1) * probability
        let lower = Int(position.rounded(.down))
        let fraction = position - Double(lower)
        // `quantiles` sorts ascending by value and, among equal values, by descending index
        // (a stable descending radix order read backwards): the same total order ranks here.
        let above = count - 1 - lower
        if above < extremeLimit {
            let (a, b) = ranked(values, fromTop: above, ascending: true)
            return interpolated(a, b, fraction: fraction)
        }
        if lower < extremeLimit {
            // The bottom: the reverse order (descending, ties lower index first) has x_{lower+1}
            // with lower + 1 values after it, and x_lower right after that.
            let (a, b) = ranked(values, fromTop: lower + 1, ascending: false)
            return interpolated(a, b, fraction: fraction)
        }
        return nil
    }

    /// The value with `skip` values after it in the order — ascending (ties: higher index first) when
    /// `ascending`, else descending (ties: lower index first) — and the value right after it (itself
    /// when `skip` is 0), in ascending order of value.
    private static func ranked(_ values: [Double], fromTop skip: Int, ascending: Bool) -> (Double, Double) {
        // Entries (value, index); `before(a, b)`: a comes earlier in the order. A min-heap under
        // `before` of the `skip + 1` latest entries: its root is x_r, the earlier of its children x_{r+1}.
        typealias Entry = (value: Double, index: Int)
        func before(_ a: Entry, _ b: Entry) -> Bool {
            if a.value != b.value { return ascending ? a.value < b.value : a.value > b.value }
            return ascending ? a.index > b.index : a.index < b.index
        }
        let size = skip + 1
        var heap: [Entry] = []
        heap.reserveCapacity(size)
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { return }
                var child = left
                if left + 1 < heap.count, before(heap[left + 1], heap[left]) { child = left + 1 }
                guard before(heap[child], heap[parent]) else { return }
                heap.swapAt(child, parent)
                parent = child
            }
        }
        for (index, value) in values.enumerated() {
            let entry = (value, index)
            if heap.count < size {
                heap.append(entry)
                var child = heap.count - 1
                while child > 0, before(heap[child], heap[(child - 1) / 2]) {
                    heap.swapAt(child, (child - 1) / 2)
                    child = (child - 1) / 2
                }
            } else if before(heap[0], entry) {
                heap[0] = entry
                siftDown(0)
            }
        }
        let first = heap[0].value
        guard heap.count > 1 else { return (first, first) }
        let next = heap.count > 2 && before(heap[2], heap[1]) ? heap[2] : heap[1]
        return ascending ? (first, next.value) : (next.value, first)
    }
}
