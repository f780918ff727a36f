/// How the process's allocator hands memory back to the kernel.
public enum ProcessMemory {
    /// Blocks at least this large get their own mapping; smaller ones come from the heap.
    public static let mappedBlockBytes: Int32 = 32 << 20
    /// Free heap memory above this much at the top is returned to the kernel.
    public static let heapTrimBytes: Int32 = 1 << 30
    /// glibc's own threshold for a block's own mapping, before it raises it on the fly.
    public static let exactBlockBytes: Int32 = 128 << 10

    /// Keeps freed memory for reuse instead of returning it to the kernel after every large array.
    ///
    /// glibc gives each block over 128 KiB its own mapping and unmaps it when freed, so a command
    /// that builds, drops and rebuilds column-sized arrays (read CSV → matrix → scores → output
    /// columns → CSV text) pays a page fault per 4 KiB page each time: 29,000 faults (113 MB) for
    /// `train` on 567,498 × 3 rows, 0.05–0.2 s of system time on a shared machine. Blocks up to
    /// `mappedBlockBytes` now come from the heap and stay there when freed (`heapTrimBytes`), which
    /// cut those faults to 18,000 at a peak resident size ~10 % larger. A command-line process
    /// should call this first; with another allocator than glibc's it does nothing.
    public static func keepFreedMemory() {
        MallocCalls.setOption(MallocCalls.mmapThreshold, mappedBlockBytes)
        MallocCalls.setOption(MallocCalls.trimThreshold, heapTrimBytes)
    }

    /// Gives every block over 128 KiB its own mapping again, returned when freed, with no raise on
    /// the fly: what building long-lived arrays among transient ones wants (loading a model: each
    /// tree's nodes packed beside per-tree scratch), since every array then takes exactly its pages.
    /// On the 134 MB regressor file of BENCHMARKS.md the peak resident size while loading was
    /// 4–8 MB lower than with `keepFreedMemory()` or glibc's default, where freed scratch stayed in
    /// the heap between the trees. Call `keepFreedMemory()` again after the build.
    public static func mapLargeBlocksExactly() {
        MallocCalls.setOption(MallocCalls.mmapThreshold, exactBlockBytes)
        MallocCalls.setOption(MallocCalls.trimThreshold, exactBlockBytes)
    }
}
