/// The first sorted position of each row's trailing window (t − w, t] within its group.
///
/// Goals, in order: deterministic and leak-free (a window ends at its own row, so later rows
/// never enter it; ties in time enter in sorted order) → O(n) with two pointers.
enum WindowStarts {
    /// `starts[i]` is the smallest position j in i's group with `times[j] > times[i] − window`.
    /// - Complexity: O(n).
    static func compute(times: [Double], groups: [Range<Int>], window: Double) -> [Int] {
        var starts = [Int](repeating: 0, count: times.count)
        times.withUnsafeBufferPointer { t in
            starts.withUnsafeMutableBufferPointer { s in
                for group in groups {
                    var lo = group.lowerBound
                    for i in group {
                        let edge = t[i] - window
                        while t[lo] <= edge { lo += 1 }
                        s[i] = lo
                    }
                }
            }
        }
        return starts
    }
}
