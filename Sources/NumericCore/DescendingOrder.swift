/// The rank order of many scores, for ROC curves and threshold sweeps.
///
/// Goals, in order: exactly the permutation of the stable comparison sort it
/// replaces → fast. `values.indices.sorted { values[$0] > values[$1] }` costs
/// a closure call and two indirect loads per comparison (≈ 150 ms for a million
/// scores); here each value becomes a 64-bit key that orders like the value
/// (−0 and +0 alike, as `>` sees them), and a stable least-significant-digit
/// radix sort of (key, index) pairs skips the digits all keys share.
public enum DescendingOrder {
    /// Indices of `values` from the largest value down, equal values in ascending index
    /// order: the permutation `values.indices.sorted { values[$0] > values[$1] }` returns.
    /// Values holding NaN (which `>` does not order) are sorted by that very expression.
    /// - Complexity: O(n) for n ≥ 256 (at most six passes of 11-bit digits), O(n log n) below.
    public static func indices(_ values: [Double]) -> [Int] {
        guard values.count >= 256, !values.contains(where: \.isNaN) else {
            return values.indices.sorted { values[$0] > values[$1] }
        }
        let count = values.count
        // Ascending keys for descending values: flip the order-preserving encoding.
        var keys = values.map { ~orderedBits($0) }
        var order = Array(0 ..< count)
        var keyScratch = [UInt64](repeating: 0, count: count)
        var orderScratch = [Int](repeating: 0, count: count)
        let digitBits = 11, buckets = 1 << 11
        var counts = [Int](repeating: 0, count: buckets)
        for shift in stride(from: 0, to: 64, by: digitBits) {
            let mask = UInt64(buckets - 1)
            for index in 0 ..< buckets { counts[index] = 0 }
            for key in keys { counts[Int((key >> UInt64(shift)) & mask)] += 1 }
            if counts.contains(count) { continue }  // every key shares this digit
            var total = 0
            for index in 0 ..< buckets {
                let here = counts[index]
                counts[index] = total
                total += here
            }
            keys.withUnsafeBufferPointer { keys in
                order.withUnsafeBufferPointer { order in
                    keyScratch.withUnsafeMutableBufferPointer { keyOut in
                        orderScratch.withUnsafeMutableBufferPointer { orderOut in
                            counts.withUnsafeMutableBufferPointer { counts in
                                for position in 0 ..< count {
                                    let key = keys[position]
                                    let bucket = Int((key >> UInt64(shift)) & mask)
                                    let target = counts[bucket]
                                    counts[bucket] = target + 1
                                    keyOut[target] = key
                                    orderOut[target] = order[position]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keyScratch)
            swap(&order, &orderScratch)
        }
        return order
    }

    /// A key whose unsigned order is the numeric order of `value` (not NaN); −0 maps as +0.
    static func orderedBits(_ value: Double) -> UInt64 {
        let bits = (value == 0 ? 0.0 : value).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
}
