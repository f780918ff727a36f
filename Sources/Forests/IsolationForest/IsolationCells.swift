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
    /// - Complexity: O(rows × split features × log(thresholds)) on `threads` threads.
    func groups(_ matrix: Matrix<Float>, rows: [Int]? = nil, threads: Int) -> CellGroups? {
        let count = rows?.count ?? matrix.rows
        guard count >= Self.minimumRows else { return nil }
        var keys = [UInt64](repeating: 0, count: count)
        let probe = min(count, Self.probeRows)
        fillKeys(&keys, positions: 0 ..< probe, of: matrix, rows: rows, threads: threads)
        if count > probe {
            var table = CellTable()
            for position in 0 ..< probe { _ = table.insert(keys[position]) }
            // The first rows hardly repeat a cell (continuous data): grouping would cost and save nothing.
            guard Double(table.count) <= Self.probeDistinctShare * Double(probe) else { return nil }
            fillKeys(&keys, positions: probe ..< count, of: matrix, rows: rows, threads: threads)
        }
        let groups = Self.group(keys, parts: threads)
        guard Double(groups.representatives.count) <= Self.maximumDistinctShare * Double(count) else { return nil }
        return groups
    }

    /// Groups equal keys. Keys are split into `parts` parts by hash, each grouped by its own worker
    /// scanning the keys in order; part p's groups are numbered after those of parts 0 ..< p.
    static func group(_ keys: [UInt64], parts: Int) -> CellGroups {
        let parts = max(1, min(parts, 64))
        var groupOfRow = [Int32](repeating: 0, count: keys.count)
        let representatives: [[Int]] = groupOfRow.withUnsafeMutableBufferPointer { groupOfRow in
            let shared = SharedBuffer(groupOfRow)
            return parallelMap(count: parts, threads: parts) { part in
                var table = CellTable()
                var firsts: [Int] = []
                for (position, key) in keys.enumerated() where CellTable.part(of: key, parts: parts) == part {
                    let group = table.insert(key)
                    if group == firsts.count { firsts.append(position) }
                    shared[position] = Int32(group)
                }
                return firsts
            }
        }
        var offsets = [Int32](repeating: 0, count: parts)
        for part in 1 ..< parts { offsets[part] = offsets[part - 1] + Int32(representatives[part - 1].count) }
        if parts > 1 {
            for (position, key) in keys.enumerated() {
                groupOfRow[position] += offsets[CellTable.part(of: key, parts: parts)]
            }
        }
        return CellGroups(representatives: representatives.flatMap { $0 }, groupOfRow: groupOfRow)
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

extension CellGroups {
    /// The representatives' rows of `matrix` (whose rows are the grouped rows), in group order.
    /// `Matrix.selectingRows` does the same through generic code, which cost as much as the copy.
    func representativeRows(of matrix: Matrix<Float>) -> Matrix<Float> {
        let width = matrix.columns
        let storage = matrix.withUnsafeBufferPointer { values in
            [Float](unsafeUninitializedCapacity: representatives.count * width) { buffer, initialized in
                for (group, row) in representatives.enumerated() {
                    let source = UnsafeBufferPointer(rebasing: values[row * width ..< (row + 1) * width])
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[group * width ..< (group + 1) * width])
                        .initialize(from: source)
                }
                initialized = representatives.count * width
            }
        }
        return try! Matrix(rows: representatives.count, columns: width, storage: storage)
    }
}

/// Rows grouped by cell: every row of a group gets the same score and explanation.
struct CellGroups: Sendable {
    /// The first position (in the grouped rows) of each group.
    var representatives: [Int] = []
    /// Each grouped row's group, an index into `representatives`.
    var groupOfRow: [Int32] = []
}

/// An open-addressing set of cell keys numbering them in insertion order (linear probing,
/// power-of-two capacity, doubled at half full).
private struct CellTable {
    private var keys = [UInt64](repeating: 0, count: 1_024)
    /// Group + 1 per slot; 0 marks an empty slot.
    private var slots = [Int32](repeating: 0, count: 1_024)
    /// Keys in group order, for growing.
    private var distinct: [UInt64] = []

    var count: Int { distinct.count }

    /// Fibonacci hashing: the packed bins vary most in their low bits.
    @inline(__always)
    private static func hash(_ key: UInt64) -> UInt64 { key &* 0x9E37_79B9_7F4A_7C15 }

    /// The part (of `parts`) that groups `key`: from the hash's top bits, which slots do not use.
    @inline(__always)
    static func part(of key: UInt64, parts: Int) -> Int { Int(truncatingIfNeeded: hash(key) >> 58) % parts }

    /// The group of `key`, a new one (`count` before the call) when the key is new.
    mutating func insert(_ key: UInt64) -> Int {
        if 2 * (distinct.count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(key) >> 20) & mask
        while true {
            let group = slots[slot]
            if group == 0 {
                keys[slot] = key
                slots[slot] = Int32(distinct.count + 1)
                distinct.append(key)
                return distinct.count - 1
            }
            if keys[slot] == key { return Int(group - 1) }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        keys = [UInt64](repeating: 0, count: size)
        slots = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for (group, key) in distinct.enumerated() {
            var slot = Int(truncatingIfNeeded: Self.hash(key) >> 20) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            slots[slot] = Int32(group + 1)
        }
    }
}
