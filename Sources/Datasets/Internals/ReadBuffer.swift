/// A byte buffer refilled from a file: kept bytes stay at the front, new bytes follow.
///
/// The one owner of the CSV reader's memory: allocated once, grown only for a
/// record longer than itself, freed in `deinit`. Its bytes are reached through
/// `withBytes`, so no pointer outlives a call.
struct ReadBuffer: ~Copyable {
    private var storage: UnsafeMutableBufferPointer<UInt8>
    /// Bytes held, from the front.
    private(set) var count = 0
    /// True once the file has no more bytes.
    private(set) var reachedEnd = false

    /// A buffer of `capacity` bytes.
    init(capacity: Int) {
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// Appends bytes from `file` until the buffer is full or the file ends.
    /// - Throws: `DatasetError.inputMissing` when the read fails.
    mutating func fill(from file: borrowing InputFile) throws(DatasetError) {
        let read = try file.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: storage[count...])))
        count += read
        // `read(into:)` stops short of a full buffer only at the end of the file.
        reachedEnd = count < storage.count
    }

    /// Calls `body` with the bytes held.
    func withBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeBufferPointer(start: storage.baseAddress!, count: count))
    }

    /// Drops the first `consumed` bytes and moves the rest to the front; doubles
    /// the capacity when the buffer is full and nothing could be consumed.
    mutating func discard(first consumed: Int) {
        precondition(consumed >= 0 && consumed <= count, "discard(first: \(consumed)) outside 0...\(count)")
        let base = storage.baseAddress!
        // update(from:count:) is a memmove, so the ranges may overlap.
        base.update(from: base + consumed, count: count - consumed)
        count -= consumed
        if count == storage.count {
            let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: storage.count * 2)
            larger.baseAddress!.initialize(from: base, count: count)
            storage.deallocate()
            storage = larger
        }
    }
}
