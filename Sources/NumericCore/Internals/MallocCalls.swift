#if canImport(Glibc)
import Glibc
#endif

/// glibc's `mallopt`, the one C call of `ProcessMemory`.
///
/// `malloc.h` is not part of Swift's Glibc module, so the function is looked up at run time
/// (a null handle is glibc's `RTLD_DEFAULT`: every loaded library) and its parameter numbers
/// are copied from `malloc.h`, where they are part of glibc's stable ABI.
enum MallocCalls {
    /// `M_TRIM_THRESHOLD` in `malloc.h`.
    static let trimThreshold: Int32 = -1
    /// `M_MMAP_THRESHOLD` in `malloc.h`.
    static let mmapThreshold: Int32 = -3

    /// Sets allocator parameter `parameter` to `value`; false when the allocator refused or is not glibc's.
    @discardableResult
    static func setOption(_ parameter: Int32, _ value: Int32) -> Bool {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        return unsafeBitCast(symbol, to: Mallopt.self)(parameter, value) == 1
        #else
        return false
        #endif
    }
}
