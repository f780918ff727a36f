/// Scratch memory of one tree's CART splitter: statistics slots, full
/// histograms kept for sibling subtraction, and buffers for one feature's
/// histogram or sorted values. Owned by a single tree build; all pointers
/// stay inside this type and the splitter kernels that borrow them per call.
final class SplitWorkspace {
    /// Doubles per statistics vector.
    let stride: Int
    /// Doubles per full histogram (features × 256 bins × stride).
    let histogramSize: Int
    /// At most this many full histograms live at once (bounds memory).
    let maxHistograms: Int

    private var stats: UnsafeMutablePointer<Double>
    private var statsCapacity: Int
    private var statsUsed = 0
    private var freeStats: [Int32] = []

    private var histograms: [UnsafeMutablePointer<Double>] = []
    private var freeHistograms: [Int32] = []

    /// One feature's histogram: 256 bins × stride.
    let featureHistogram: UnsafeMutablePointer<Double>
    /// Sort keys for the exact method: (ordered value bits << 32) | row.
    let sortKeys: UnsafeMutablePointer<UInt64>
    /// Statistics scratch: running left side, candidate left/right, best left/right.
    let left, candidateLeft, candidateRight, bestLeft, bestRight, missing: UnsafeMutablePointer<Double>

    init(stride: Int, featureCount: Int, maxRows: Int, maxHistograms: Int) {
        self.stride = stride
        histogramSize = featureCount * 256 * stride
        self.maxHistograms = maxHistograms
        statsCapacity = 64
        stats = .allocate(capacity: statsCapacity * stride)
        featureHistogram = .allocate(capacity: 256 * stride)
        sortKeys = .allocate(capacity: max(maxRows, 1))
        left = .allocate(capacity: stride * 6)
        candidateLeft = left + stride
        candidateRight = left + 2 * stride
        bestLeft = left + 3 * stride
        bestRight = left + 4 * stride
        missing = left + 5 * stride
    }

    deinit {
        stats.deallocate()
        histograms.forEach { $0.deallocate() }
        featureHistogram.deallocate()
        sortKeys.deallocate()
        left.deallocate()
    }

    /// A zeroed statistics slot.
    func allocateStats() -> Int32 {
        let slot: Int32
        if let free = freeStats.popLast() {
            slot = free
        } else {
            if statsUsed == statsCapacity {
                let grown = UnsafeMutablePointer<Double>.allocate(capacity: 2 * statsCapacity * stride)
                grown.update(from: stats, count: statsCapacity * stride)
                stats.deallocate()
                stats = grown
                statsCapacity *= 2
            }
            slot = Int32(statsUsed)
            statsUsed += 1
        }
        statsPointer(slot).update(repeating: 0, count: stride)
        return slot
    }

    func releaseStats(_ slot: Int32) {
        if slot >= 0 { freeStats.append(slot) }
    }

    /// The statistics of `slot`; valid until the next `allocateStats`.
    func statsPointer(_ slot: Int32) -> UnsafeMutablePointer<Double> {
        stats + Int(slot) * stride
    }

    /// A full histogram slot (contents undefined), or -1 when `maxHistograms` are in use.
    func allocateHistogram() -> Int32 {
        if let free = freeHistograms.popLast() { return free }
        guard histograms.count < maxHistograms else { return -1 }
        histograms.append(.allocate(capacity: histogramSize))
        return Int32(histograms.count - 1)
    }

    func releaseHistogram(_ slot: Int32) {
        if slot >= 0 { freeHistograms.append(slot) }
    }

    /// The full histogram of `slot`: feature `f`'s bins start at `f * 256 * stride`.
    func histogramPointer(_ slot: Int32) -> UnsafeMutablePointer<Double> {
        histograms[Int(slot)]
    }
}
