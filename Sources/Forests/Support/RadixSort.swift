/// Sorting kernels for split search and binning.
///
/// Keys are `UInt64`s whose high 32 bits are an order-preserving encoding of
/// a `Float` (`orderedBits`) and whose low 32 bits are a payload (a row
/// index). Sorting by the high word only and stably keeps rows that share a
/// value in their incoming (ascending) order, so results are deterministic.
enum KeySort {
    /// Below this many keys insertion sort beats the radix passes' fixed cost.
    static let insertionLimit = 48

    /// Stably sorts `keys[0 ..< count]` by their high 32 bits; `scratch` holds
    /// at least `count` keys and `counts` 1024 integers.
    static func sortByHighWord(
        _ keys: UnsafeMutablePointer<UInt64>, count: Int, scratch: UnsafeMutablePointer<UInt64>,
        counts: UnsafeMutablePointer<Int>
    ) {
        if count <= insertionLimit {
            insertionSort(keys, count: count)
            return
        }
        // One pass counts all four byte digits; passes whose digit is the same
        // for every key (common in small nodes) are skipped.
        counts.update(repeating: 0, count: 4 * 256)
        do {
            for index in 0 ..< count {
                let key = keys[index] >> 32
                counts[Int(key & 0xFF)] += 1
                counts[256 + Int((key >> 8) & 0xFF)] += 1
                counts[512 + Int((key >> 16) & 0xFF)] += 1
                counts[768 + Int(key >> 24)] += 1
            }
            var source = keys, target = scratch
            for digit in 0 ..< 4 {
                let digitCounts = counts + digit * 256
                let shift = UInt64(32 + 8 * digit)
                if digitCounts[Int((source[0] >> shift) & 0xFF)] == count { continue }
                var offset = 0
                for bucket in 0 ..< 256 {
                    let size = digitCounts[bucket]
                    digitCounts[bucket] = offset
                    offset += size
                }
                for index in 0 ..< count {
                    let key = source[index]
                    let bucket = Int((key >> shift) & 0xFF)
                    target[digitCounts[bucket]] = key
                    digitCounts[bucket] += 1
                }
                swap(&source, &target)
            }
            if source != keys { keys.update(from: source, count: count) }
        }
    }

    /// Stable insertion sort by the high 32 bits.
    @inline(__always)
    static func insertionSort(_ keys: UnsafeMutablePointer<UInt64>, count: Int) {
        guard count > 1 else { return }
        for index in 1 ..< count {
            let key = keys[index]
            let high = key >> 32
            var position = index
            while position > 0 && keys[position - 1] >> 32 > high {
                keys[position] = keys[position - 1]
                position -= 1
            }
            keys[position] = key
        }
    }
}
