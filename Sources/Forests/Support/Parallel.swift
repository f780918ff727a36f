import Dispatch
import Synchronization

/// Runs `body(index)` for every index in `0 ..< count` on `threads` worker
/// threads and returns the results in index order.
///
/// Workers take the next index from a shared counter, so a slow item does not
/// hold back the others; the results do not depend on which worker ran what.
func parallelMap<T: Sendable>(count: Int, threads: Int, _ body: (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let workers = min(max(threads, 1), count)
    if workers == 1 { return (0 ..< count).map(body) }
    let next = Atomic<Int>(0)
    let results = Mutex<[T?]>([T?](repeating: nil, count: count))
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                let value = shared.value(index)
                results.withLock { $0[index] = value }
            }
        }
    }
    return results.withLock { $0.map { $0! } }
}

/// Runs `body(start ..< end)` over `0 ..< count` in chunks of `chunk` on
/// `threads` threads. Bodies must write disjoint memory.
func parallelChunks(count: Int, chunk: Int, threads: Int, _ body: (Range<Int>) -> Void) {
    let chunk = max(chunk, 1)
    // Ceiling division without `count + chunk - 1`, which overflows for huge chunks.
    let chunks = count / chunk + (count % chunk == 0 ? 0 : 1)
    guard chunks > 1, threads > 1 else {
        if count > 0 { body(0 ..< count) }
        return
    }
    let next = Atomic<Int>(0)
    withoutActuallyEscaping(body) { body in
        let shared = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: min(threads, chunks)) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < chunks else { return }
                shared.value(index * chunk ..< min(count, (index + 1) * chunk))
            }
        }
    }
}

/// A value that crosses into `concurrentPerform` workers whose calls all end
/// before the caller returns; used only for closures that read shared
/// immutable data or write disjoint memory.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A mutable buffer that worker threads write at disjoint indices while the
/// owning `withUnsafeMutableBufferPointer` call is running.
struct SharedBuffer<Element>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
        count = buffer.count
    }

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    /// The pointer to element `index`, for kernels that fill a range.
    func pointer(at index: Int) -> UnsafeMutablePointer<Element> { base + index }
}
