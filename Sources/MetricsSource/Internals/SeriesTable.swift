/// Maps (collector, metric) byte strings, as they arrive in COPY rows, to
/// dense series numbers, without building a `String` per row.
///
/// Goals, in order: exact (bytes compared in full, never trusted to a hash
/// alone) → no allocation per row → fast. Open addressing over a byte arena;
/// the hash is FNV-1a over `collector ‖ 0xFF ‖ metric` (0xFF never occurs in
/// UTF-8, so the split is unambiguous).
struct SeriesTable {
    /// Series names in the order they were first seen.
    private(set) var names: [(collector: String, metric: String)] = []
    private var arena: [UInt8] = []
    private var collectorRanges: [Range<Int>] = []
    private var metricRanges: [Range<Int>] = []
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: -1, count: 64)

    var count: Int { names.count }

    /// The series number of the pair, adding it when new.
    mutating func index(collector: UnsafeRawBufferPointer, metric: UnsafeRawBufferPointer) -> Int {
        let hash = Self.hash(collector, metric)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { break }
            if hashes[entry] == hash, matches(entry, collector, metric) { return entry }
            slot = (slot + 1) & mask
        }
        let entry = names.count
        let collectorStart = arena.count
        arena.append(contentsOf: collector)
        let metricStart = arena.count
        arena.append(contentsOf: metric)
        collectorRanges.append(collectorStart ..< metricStart)
        metricRanges.append(metricStart ..< arena.count)
        hashes.append(hash)
        names.append((String(decoding: collector, as: UTF8.self), String(decoding: metric, as: UTF8.self)))
        slots[slot] = Int32(entry)
        if names.count * 2 > slots.count { grow() }
        return entry
    }

    private func matches(_ entry: Int, _ collector: UnsafeRawBufferPointer, _ metric: UnsafeRawBufferPointer) -> Bool {
        let c = collectorRanges[entry]
        let m = metricRanges[entry]
        guard c.count == collector.count, m.count == metric.count else { return false }
        return arena.withUnsafeBytes { bytes in
            UnsafeRawBufferPointer(rebasing: bytes[c]).elementsEqual(collector)
                && UnsafeRawBufferPointer(rebasing: bytes[m]).elementsEqual(metric)
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for entry in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
            while bigger[slot] >= 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(entry)
        }
        slots = bigger
    }

    @inline(__always)
    private static func hash(_ collector: UnsafeRawBufferPointer, _ metric: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in collector { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash = (hash ^ 0xFF) &* 0x0000_0100_0000_01B3
        for byte in metric { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash ^ (hash >> 29)
    }
}
