import NumericCore

/// Draws resamples as row multiplicities, reusing its buffers.
struct BlockResampler {
    let rows: Int
    let blockLength: Int
    private var rng: SeededRandom
    private var delta: [Int32]
    /// How often each row occurs in the latest resample; the counts sum to `rows`.
    private(set) var counts: [Int32]

    init(rows: Int, blockLength: Int, seed: UInt64) {
        self.rows = rows
        self.blockLength = blockLength
        rng = SeededRandom(seed: seed, stream: 0)
        delta = [Int32](repeating: 0, count: rows + 1)
        counts = [Int32](repeating: 0, count: rows)
    }

    /// Draws the next resample into `counts`: block starts are marked in a difference array, so a resample
    /// costs O(rows) whatever the block length.
    mutating func next() {
        for index in delta.indices { delta[index] = 0 }
        var remaining = rows
        while remaining > 0 {
            let start = rng.nextIndex(below: rows - blockLength + 1)
            let length = min(blockLength, remaining)
            delta[start] += 1
            delta[start + length] -= 1
            remaining -= length
        }
        var running: Int32 = 0
        for index in 0 ..< rows {
            running += delta[index]
            counts[index] = running
        }
    }
}
