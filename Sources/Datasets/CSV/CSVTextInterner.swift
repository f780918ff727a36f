#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shares one `String` among the equal cells of a text column.
///
/// Metric exports repeat a few names (tenants, collectors, metrics) millions of
/// times; sharing their storage saves an allocation per cell and most of the
/// memory. Up to `capacity` distinct values are kept in an open-addressing
/// table keyed by the cell's bytes, so a repeated cell costs a hash and a
/// compare, no `String` construction. A column with more distinct values is
/// taken to hold free text and stops interning.
struct CSVTextInterner {
    /// Distinct values kept before the column counts as free text; 1024 covers
    /// categorical columns while keeping the table in cache.
    static let capacity = 1024
    /// Table size: a power of two at least twice `capacity`, so probes stay short.
    private static let slotCount = 2048

    private var slots = [Int32](repeating: -1, count: slotCount)
    private var hashes: [UInt64] = []
    private var strings: [String] = []
    /// The bytes of every kept value, back to back; entry i is `pool[starts[i] ..< starts[i + 1]]`.
    private var pool: [UInt8] = []
    private var starts: [Int] = [0]
    /// False once the column had more than `capacity` distinct values.
    private(set) var isActive = true

    /// The shared string equal to `bytes`, made by `make` (nil = invalid text) on first sight.
    mutating func string(for bytes: UnsafeBufferPointer<UInt8>, make: (UnsafeBufferPointer<UInt8>) -> String?) -> String? {
        guard isActive else { return make(bytes) }
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & (Self.slotCount - 1)
        while slots[slot] >= 0 {
            let entry = Int(slots[slot])
            if hashes[entry] == hash, poolHolds(entry, bytes) { return strings[entry] }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        guard let made = make(bytes) else { return nil }
        if strings.count == Self.capacity {
            isActive = false
            slots = []
            hashes = []
            strings = []
            pool = []
            starts = []
        } else {
            slots[slot] = Int32(strings.count)
            hashes.append(hash)
            strings.append(made)
            pool.append(contentsOf: bytes)
            starts.append(pool.count)
        }
        return made
    }

    /// FNV-1a over the bytes: cheap for the short names it sees.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// True when kept entry `entry` has exactly `bytes`.
    private func poolHolds(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[entry]
        guard starts[entry + 1] - start == bytes.count else { return false }
        guard let address = bytes.baseAddress else { return true }
        return pool.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, address, bytes.count) == 0 }
    }
}
