#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Runs independent jobs (trees, row blocks) on a fixed number of threads.
///
/// Goals, in order: deterministic → simple → fast. Each job's result is
/// stored under its index, so the output never depends on which thread ran
/// which job or in what order; jobs are handed out one at a time from a
/// shared counter so uneven jobs (deep and shallow trees) balance themselves.
enum WorkerPool {
    /// Cores this process may run on right now (at least 1).
    static let activeCores: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// `body(0) … body(count − 1)` computed on up to `threads` threads, in index order.
    /// - Complexity: `count` calls of `body`, plus one lock round-trip per job.
    static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let workers = min(max(threads, 1), count)
        if workers <= 1 { return (0 ..< count).map(body) }
        let next = Atomic<Int>(0)
        let results = Mutex<[T?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                if index >= count { break }
                let value = body(index)
                results.withLock { $0[index] = value }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
