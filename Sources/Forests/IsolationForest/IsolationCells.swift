import NumericCore

// Rows that no split of the forest tells apart.
//
// Goals, in order: exact (two rows share a cell only if every split of every
// tree sends them the same way, so they reach the same leaves and get the same
// score and explanation bit for bit) → cheap enough to try on every call → a
// large saving where rows repeat. Operations data repeat: integer byte counts,
// durations of 0 s, a handful of reply sizes (ODDS `http` and `smtp`).
//
// Per feature, the forest's distinct split thresholds on it, sorted, cut the
// line into bins; a value's bin is the number of thresholds below it (NaN gets a
// bin of its own). A row goes left at a split `x_f <= t_k` (t_k the k-th
// threshold of f) iff its bin is ≤ k, so equal bin vectors mean equal paths. The
// bins of all features are packed into one `UInt64` key; forests whose bins
// need more than 64 bits (many split features) are not grouped.

/// The cells of an axis-parallel forest: each row's bin vector as one 64-bit key.
struct IsolationCells: Sendable {
    /// Rows a call must have before grouping is tried: below it, grouping cannot pay for itself.
    static let minimumRows = 4_096
    /// Rows whose keys are counted first: when they repeat no cell, the rest are scored without grouping.
    static let probeRows = 32_768
    /// Most of the first `probeRows` that may be distinct cells for grouping to go on.
    static let probeDistinctShare = 0.99
    /// Most of the rows that may be distinct cells for grouping to be used. Once the keys are
    /// computed, grouping costs a gather and a copy per row, far less than a walk through 100 trees.
    static let maximumDistinctShare = 0.95

    /// Every split feature's sorted distinct thresholds as `orderKey`s, one feature after another.
    private let thresholds: [Int64]
    /// The split features: index, where its thresholds start in `thresholds`, how many, and
    /// where its bin starts in the key.
    private let features: [(feature: Int, start: Int, count: Int, shift: UInt64)]

    /// The cells of `trees`, or nil when their bins do not fit one 64-bit key.
    init?(trees: [Tree], featureCount: Int) {
        var sets = [Set<Float>](repeating: [], count: featureCount)
        for tree in trees {
            for (feature, threshold) in zip(tree.features, tree.thresholds) where feature >= 0 {
                // +0.0 turns −0.0 into 0.0: the two compare equal, so they must share a key.
                sets[Int(feature)].insert(threshold + 0.0)
            }
        }
        var thresholds: [Int64] = []
        var features: [(Int, Int, Int, UInt64)] = []
        var bits = 0
        for (feature, set) in sets.enumerated() where !set.isEmpty {
            features.append((feature, thresholds.count, set.count, UInt64(bits)))
            thresholds += set.sorted().map(Self.orderKey)
            // Bins 0 … count (values) and count + 1 (NaN).
            bits += Int.bitWidth - (set.count + 1).leadingZeroBitCount
            guard bits <= 64 else { return nil }
        }
        self.thresholds = thresholds
        self.features = features
    }

    /// An integer that orders like the (non-NaN) float: `a < b` iff `orderKey(a) < orderKey(b)`,
    /// with −0.0 and 0.0 equal.
    @inline(__always)
    static func orderKey(_ value: Float) -> Int64 {
        let bits = (value + 0.0).bitPattern
        return Int64(bits & 0x8000_0000 == 0 ? bits | 0x8000_0000 : ~bits)
    }

    /// The number of `sorted` keys below `value`'s (`sorted` ascending, not empty); `count + 1` for NaN.
    @inline(__always)
    static func bin(_ value: Float, in sorted: UnsafePointer<Int64>, count: Int) -> Int {
        if value.isNaN { return count + 1 }
        let key = orderKey(value)
        // Branch-free: the sign of `threshold − key` (all ones when the threshold is below)
        // masks the step, so a search costs no mispredicted branches and the searches of
        // consecutive rows overlap. (A `?:` here compiles to a branch.)
        var base = 0
        var length = count
        while length > 1 {
            let half = length / 2
            base &+= half & Int((sorted[base &+ half] &- key) >> 63)
            length &-= half
        }
        return base &- Int((sorted[base] &- key) >> 63)
    }

    /// Groups `rows` of `features` (row-major, one column per feature; default every row) by cell
    /// when enough of them repeat a cell; nil when grouping would save too little: fewer than
    /// `minimumRows` rows, more than `probeDistinctShare` of the first `probeRows` in distinct
    /// cells, or more than `maximumDistinctShare` of all rows.
    /// - Complexity: O(rows × split features × log(thresholds)); keys are computed on `threads` threads.
    func groups(_ matrix: Matrix<Float>, rows: [Int]? = nil, threads: Int) -> CellGroups? {
        let count = rows?.count ?? matrix.rows
        guard count >= Self.minimumRows else { return nil }
        var keys = [UInt64](repeating: 0, count: count)
        let probe = min(count, Self.probeRows)
        fillKeys(&keys, positions: 0 ..< probe, of: matrix, rows: rows, threads: threads)
        var table = CellTable(capacity: count)
        for position in 0 ..< probe { table.insert(keys[position], row: position) }
        if count > probe {
            // The first rows hardly repeat a cell (continuous data): grouping would cost and save nothing.
            guard Double(table.groupCount) <= Self.probeDistinctShare * Double(probe) else { return nil }
            fillKeys(&keys, positions: probe ..< count, of: matrix, rows: rows, threads: threads)
            for position in probe ..< count {
                table.insert(keys[position], row: position)
            }
        }
        guard Double(table.groupCount) <= Self.maximumDistinctShare * Double(count) else { return nil }
        return table.groups
    }

    /// Writes the key of each grouped row at `positions` into `keys`.
    private func fillKeys(
        _ keys: inout [UInt64], positions: Range<Int>, of matrix: Matrix<Float>, rows: [Int]?, threads: Int
    ) {
        let width = matrix.columns
        let splitFeatures = features.map(\.feature)
        let starts = features.map(\.start)
        let counts = features.map(\.count)
        let shifts = features.map(\.shift)
        let rowIndices = rows ?? []
        matrix.withUnsafeBufferPointer { values in
            thresholds.withUnsafeBufferPointer { thresholds in
                keys.withUnsafeMutableBufferPointer { keys in
                    let shared = SharedBuffer(keys)
                    parallelChunks(count: positions.count, chunk: 16_384, threads: threads) { chunk in
                        for offset in chunk {
                            let position = positions.lowerBound + offset
                            let row = values.baseAddress! + (rows == nil ? position : rowIndices[position]) * width
                            var key: UInt64 = 0
                            for split in splitFeatures.indices {
                                let bin = Self.bin(row[splitFeatures[split]], in: thresholds.baseAddress! + starts[split],
                                                   count: counts[split])
                                key |= UInt64(bin) << shifts[split]
                            }
                            shared[position] = key
                        }
                    }
                }
            }
        }
    }
}

/// Rows grouped by cell: every row of a group gets the same score and explanation.
struct CellGroups: Sendable {
    /// The first position (in the grouped rows) of each group, ascending.
    var representatives: [Int] = []
    /// Each grouped row's group, an index into `representatives`.
    var groupOfRow: [Int32] = []
}

/// An open-addressing table from cell key to group (linear probing, power-of-two capacity).
private struct CellTable {
    private var keys: [UInt64]
    /// Group + 1 per slot; 0 marks an empty slot.
    private var slots: [Int32]
    private let mask: Int
    private(set) var groups = CellGroups()

    var groupCount: Int { groups.representatives.count }

    init(capacity rows: Int) {
        var size = 1
        while size < 2 * rows { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        groups.groupOfRow.reserveCapacity(rows)
    }

    /// Files `row` (positions are inserted in order 0, 1, 2, …) under `key`.
    mutating func insert(_ key: UInt64, row: Int) {
        // Fibonacci hashing: the packed bins vary most in their low bits.
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while true {
            let group = slots[slot]
            if group == 0 {
                keys[slot] = key
                slots[slot] = Int32(groups.representatives.count + 1)
                groups.groupOfRow.append(Int32(groups.representatives.count))
                groups.representatives.append(row)
                return
            }
            if keys[slot] == key {
                groups.groupOfRow.append(group - 1)
                return
            }
            slot = (slot + 1) & mask
        }
    }
}
