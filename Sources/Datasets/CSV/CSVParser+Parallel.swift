#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

// Two-thread parsing of a buffer of plain numeric records.
//
// Goals, in order: the same values and errors as the sequential parser (it is
// only tried where the answer cannot differ, and any doubt hands the buffer
// back untouched) → memory bounded by the buffer → about twice the speed on
// two free cores.
//
// Without a `"` byte in the buffer, every LF ends a record, so the buffer can
// be cut at a line break in the middle and both halves parsed at once by
// `readPlainRecords`. Counting the line breaks first gives each half its row
// offset in one shared row-major block, which is then moved into the columns.
extension CSVParser {
    /// Buffers smaller than this are parsed on one thread: a second one costs more than it saves.
    static let parallelMinimumBytes = 1 << 20

    /// Parses the whole lines of `bytes[start..<count]` on two threads; returns
    /// where the first incomplete line starts, or nil (nothing consumed) when the
    /// lines are not all plain numeric records of the right width.
    mutating func parsePlainInParallel(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int? {
        let newline = UInt8(ascii: "\n")
        guard count - start >= Self.parallelMinimumBytes,
              memchr(base + start, Int32(UInt8(ascii: "\"")), count - start) == nil else { return nil }
        var end = count
        while end > start, base[end - 1] != newline { end -= 1 }
        guard end - start >= Self.parallelMinimumBytes / 2 else { return nil }
        var split = start + (end - start) / 2
        while split < end, base[split - 1] != newline { split += 1 }
        let firstRows = Self.countLineBreaks(base, from: start, to: split)
        let secondRows = Self.countLineBreaks(base, from: split, to: end)
        let width = columns.count
        let total = (firstRows + secondRows) * width
        if parallelBlock.count < total { parallelBlock = Array(repeating: 0, count: total) }
        let separator = separator
        let parsed = parallelBlock.withUnsafeMutableBufferPointer { block -> Bool in
            let parts = [
                PlainPart(from: start, to: split, rows: firstRows, firstRow: 0),
                PlainPart(from: split, to: end, rows: secondRows, firstRow: firstRows),
            ]
            let job = PlainRecordsJob(base: base, separator: separator, width: width, block: block.baseAddress!)
            return withUnsafeTemporaryAllocation(of: Bool.self, capacity: 2) { succeeded in
                let outcomes = PlainRecordsJob.Outcomes(succeeded.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    outcomes.record(index, job.run(parts[index]))
                }
                return succeeded[0] && succeeded[1]
            }
        }
        guard parsed else { return nil }
        parallelBlock.withUnsafeBufferPointer { block in
            let staged = UnsafeBufferPointer(rebasing: block[..<total])
            for index in columns.indices { columns[index].appendNumbers(staged, column: index, width: width) }
        }
        rowCount += firstRows + secondRows
        line += firstRows + secondRows
        return end
    }

    /// The LF bytes in `base[start..<end]`.
    private static func countLineBreaks(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var lines = 0
        var position = start
        while position < end, let found = memchr(base + position, Int32(UInt8(ascii: "\n")), end - position) {
            lines += 1
            position = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base + 1
        }
        return lines
    }
}

/// One half of a buffer: its byte range, its line count and its first row in the shared block.
struct PlainPart: Sendable {
    let from: Int
    let to: Int
    let rows: Int
    let firstRow: Int
}

/// What both threads share: the read buffer (read only) and the row-major block,
/// where each thread writes only its own rows. The pointers are valid for the
/// duration of `concurrentPerform`, which returns only after both threads finish.
private struct PlainRecordsJob: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let separator: UInt8
    let width: Int
    let block: UnsafeMutablePointer<Double>

    /// Parses `part`; true when every line was a plain record of the right width.
    func run(_ part: PlainPart) -> Bool {
        let result = CSVParser.readPlainRecords(
            base, from: part.from, count: part.to, separator: separator, width: width,
            into: block + part.firstRow * width, capacity: part.rows)
        return result.rows == part.rows && result.next == part.to
    }

    /// One success flag per thread, each written by its own thread only.
    struct Outcomes: @unchecked Sendable {
        private let flags: UnsafeMutablePointer<Bool>

        init(_ flags: UnsafeMutablePointer<Bool>) {
            self.flags = flags
        }

        func record(_ index: Int, _ succeeded: Bool) {
            flags[index] = succeeded
        }
    }
}
