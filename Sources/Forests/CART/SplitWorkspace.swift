/// Memory of one tree's CART splitter. Owned by a single tree build; every
/// pointer stays inside this type and the splitter kernels that use it
/// during one call.
///
/// The node-ordered arrays hold, at position `p`, the data of the row at
/// position `p` of the grower's row array, and are partitioned together with
/// it. Building a histogram then streams through memory instead of
/// gathering scattered rows, which on a large data set is the difference
/// between a cache miss per row and none.
final class SplitWorkspace<Target: BitwiseCopyable> {
    /// Doubles per statistics vector.
    let stride: Int
    /// Features per row.
    let featureCount: Int
    /// Doubles per full histogram (features × 256 bins × stride).
    let histogramSize: Int
    /// At most this many full histograms live at once (bounds memory).
    let maxHistograms: Int

    /// Bytes per row of `codes`: the feature count rounded up to whole 8-byte
    /// words, so partitioning moves a row's codes as words.
    let codeStride: Int
    /// Bin codes by position (`codeStride` per row); empty without bins.
    let codes: UnsafeMutablePointer<UInt8>
    /// Row weight by position.
    let weights: UnsafeMutablePointer<Double>
    /// Row target by position.
    let targets: UnsafeMutablePointer<Target>
    /// Per position of the node being partitioned: 1 if the row goes left.
    let goesLeft: UnsafeMutablePointer<UInt8>
    /// Partition scratch for each node-ordered array.
    let codesScratch: UnsafeMutablePointer<UInt8>
    let weightsScratch: UnsafeMutablePointer<Double>
    let targetsScratch: UnsafeMutablePointer<Target>
    let capacity: Int

    private var stats: UnsafeMutablePointer<Double>
    private var statsCapacity: Int
    private var statsUsed = 0
    private var freeStats: [Int32] = []

    private var histograms: [UnsafeMutablePointer<Double>] = []
    private var freeHistograms: [Int32] = []

    /// A full histogram's worth of scratch for the histograms of one node that are not kept.
    let scratchHistogram: UnsafeMutablePointer<Double>
    /// The features of a histogram batch and where each one's 256 bins go.
    let batchFeatures: UnsafeMutablePointer<Int>
    let batchTargets: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    /// Which bins of each batch histogram are occupied: 4 words (256 bits) per histogram.
    let batchOccupancy: UnsafeMutablePointer<UInt64>
    /// Sort keys for the exact method: (ordered value bits << 32) | position, and radix sort scratch.
    let sortKeys, sortScratch: UnsafeMutablePointer<UInt64>
    /// Digit counts of the radix sort.
    let radixCounts: UnsafeMutablePointer<Int>
    /// Statistics scratch: running left side, left side with NaN added, best left/right, NaN rows.
    let left, candidateLeft, bestLeft, bestRight, missing: UnsafeMutablePointer<Double>

    /// Scratch for a tree of at most `maxRows` rows.
    /// - Parameter hasBins: whether histogram search (and so bin codes) is used.
    init(stride: Int, featureCount: Int, maxRows: Int, maxHistograms: Int, hasBins: Bool) {
        self.stride = stride
        self.featureCount = featureCount
        histogramSize = featureCount * 256 * stride
        self.maxHistograms = maxHistograms
        capacity = max(maxRows, 1)
        codeStride = (featureCount + 7) / 8 * 8
        let codeCount = hasBins ? capacity * codeStride : 0
        codes = .allocate(capacity: codeCount)
        codes.initialize(repeating: 0, count: codeCount)
        codesScratch = .allocate(capacity: codeCount)
        weights = .allocate(capacity: capacity)
        weightsScratch = .allocate(capacity: capacity)
        targets = .allocate(capacity: capacity)
        targetsScratch = .allocate(capacity: capacity)
        goesLeft = .allocate(capacity: capacity)
        statsCapacity = 64
        stats = .allocate(capacity: statsCapacity * stride)
        scratchHistogram = .allocate(capacity: histogramSize)
        batchFeatures = .allocate(capacity: max(featureCount, 1))
        batchTargets = .allocate(capacity: max(featureCount, 1))
        batchOccupancy = .allocate(capacity: 4 * max(featureCount, 1))
        sortKeys = .allocate(capacity: capacity)
        sortScratch = .allocate(capacity: capacity)
        radixCounts = .allocate(capacity: 4 * 256)
        left = .allocate(capacity: stride * 5)
        candidateLeft = left + stride
        bestLeft = left + 2 * stride
        bestRight = left + 3 * stride
        missing = left + 4 * stride
    }

    deinit {
        for buffer in [codes, codesScratch, goesLeft] as [UnsafeMutablePointer<UInt8>] { buffer.deallocate() }
        weights.deallocate()
        weightsScratch.deallocate()
        targets.deallocate()
        targetsScratch.deallocate()
        stats.deallocate()
        histograms.forEach { $0.deallocate() }
        scratchHistogram.deallocate()
        batchFeatures.deallocate()
        batchTargets.deallocate()
        batchOccupancy.deallocate()
        sortKeys.deallocate()
        sortScratch.deallocate()
        radixCounts.deallocate()
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
        clearStats(statsPointer(slot), stride)
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

/// Zeroes a statistics vector. A loop, not `memset`: vectors are a few
/// doubles and a library call per candidate split costs more than the work.
@inline(__always)
func clearStats(_ stats: UnsafeMutablePointer<Double>, _ stride: Int) {
    for index in 0 ..< stride { stats[index] = 0 }
}

/// Copies a statistics vector (a loop, for the reason given at `clearStats`).
@inline(__always)
func copyStats(_ source: UnsafePointer<Double>, to target: UnsafeMutablePointer<Double>, _ stride: Int) {
    for index in 0 ..< stride { target[index] = source[index] }
}
