/// OpenBLAS threading: one owner of the cores at a time.
///
/// Linear algebra on one large matrix should use OpenBLAS's own threads;
/// code that parallelises over independent tasks (forest training over trees)
/// should pin OpenBLAS to one thread first, or the two pools oversubscribe the cores.
extension BLAS {
    /// The number of threads OpenBLAS uses for one call; a process-wide setting.
    ///
    /// OpenBLAS defaults to the number of cores (or `OPENBLAS_NUM_THREADS`).
    /// - Precondition: a new value is at least 1.
    public static var threadCount: Int {
        get { BLASCalls.threadCount }
        set {
            precondition(newValue >= 1, "BLAS.threadCount must be at least 1; got \(newValue).")
            BLASCalls.setThreadCount(Int32(clamping: newValue))
        }
    }

    /// Stops OpenBLAS's idle worker threads. They start when the library loads and busy-wait
    /// (`sched_yield`) for about 0.1 s of CPU each before sleeping, whether or not the process
    /// ever calls BLAS; a command-line process should call this first. The next BLAS call that
    /// uses threads starts them again, so linear algebra keeps its threads.
    /// - Important: call it while no other thread is inside a BLAS call (at process start):
    ///   OpenBLAS stops its pool without waiting for work in flight.
    public static func stopIdleThreads() {
        BLASCalls.stopWorkerThreads()
    }

    /// Runs `body` with OpenBLAS limited to `count` threads, then restores the previous count.
    ///
    /// Call it from the one owner of the cores, around the whole parallel region
    /// (e.g. `BLAS.withThreadCount(1) { trainTreesInParallel() }`); the setting is
    /// process-wide, so nesting it in concurrent tasks would race on the restore.
    /// - Parameter count: threads per BLAS call, at least 1; 1 for code that is itself parallel.
    public static func withThreadCount<R, E: Error>(_ count: Int, _ body: () throws(E) -> R) throws(E) -> R {
        let previous = threadCount
        threadCount = count
        defer { threadCount = previous }
        return try body()
    }

    /// The async form of ``withThreadCount(_:_:)``, for a body that awaits its worker tasks.
    public static func withThreadCount<R, E: Error>(
        _ count: Int, _ body: () async throws(E) -> R
    ) async throws(E) -> R {
        let previous = threadCount
        threadCount = count
        defer { threadCount = previous }
        return try await body()
    }
}
