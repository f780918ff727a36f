/// Rolling minimum and maximum over trailing time windows, ignoring NaN/±∞.
///
/// Goals, in order: deterministic → exact (values are copied, never computed) → O(n) with a
/// monotonic deque of positions (each row enters and leaves once), one buffer per call.
enum RollingExtrema {
    /// The smallest (or, with `largest`, the largest) finite value of each window; NaN when
    /// the window holds fewer than `minCount` finite values.
    static func extremum(_ values: [Double], starts: [Int], minCount: Int, largest: Bool) -> [Double] {
        let n = values.count
        var out = [Double](repeating: .nan, count: n)
        var deque = [Int](repeating: 0, count: n)
        values.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { out in
                deque.withUnsafeMutableBufferPointer { deque in
                    var head = 0, tail = 0, count = 0, lo = 0
                    for i in 0 ..< n {
                        while lo < starts[i] {
                            if x[lo].isFinite { count -= 1 }
                            lo += 1
                        }
                        while head < tail, deque[head] < starts[i] { head += 1 }
                        let v = x[i]
                        if v.isFinite {
                            count += 1
                            // Positions behind the new value can never be the extremum again.
                            while head < tail, largest ? x[deque[tail - 1]] <= v : x[deque[tail - 1]] >= v {
                                tail -= 1
                            }
                            deque[tail] = i
                            tail += 1
                        }
                        if count >= minCount, head < tail { out[i] = x[deque[head]] }
                    }
                }
            }
        }
        return out
    }
}
