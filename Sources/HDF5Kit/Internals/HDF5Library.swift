import CHDF5
import Foundation

/// The one gate to the HDF5 C library.
///
/// Every HDF5Kit call runs under one process-wide recursive lock, so the
/// wrapper is safe whether libhdf5 was built thread-safe or not (Debian's is,
/// and then its error stack is per thread: automatic error printing is turned
/// off on the calling thread each time, since errors become `HDF5Error`
/// values). The library runs with file locking off: published files are
/// immutable and replaced by rename, so readers need no lock, and a reader
/// must never fail because another process holds a file open (research notes
/// §3.7). `HDF5File` turns it off per file with `H5Pset_file_locking`.
enum HDF5Library {
    private static let lock = NSRecursiveLock()
    private static let initialized: Bool = {
        HDF5Calls.initialize()
        return true
    }()

    /// Runs `body` with exclusive access to the library.
    ///
    /// The calling thread's error stack is cleared afterwards: a failed call
    /// leaves records there that hold references to the library's error
    /// classes, and records left on a worker thread's stack kept libhdf5 from
    /// shutting down at exit ("HDF5: infinite loop closing library").
    static func withLock<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        lock.lock()
        defer {
            HDF5Calls.clearErrorStack()
            lock.unlock()
        }
        precondition(initialized)
        HDF5Calls.silenceErrorPrinting()
        return try body()
    }
}

/// An HDF5 identifier closed exactly once: by `close()` or when the owner goes away.
final class HDF5Handle {
    let id: hid_t
    private let release: (hid_t) -> herr_t
    private var isOpen = true

    init(_ id: hid_t, close: @escaping (hid_t) -> herr_t) {
        self.id = id
        self.release = close
    }

    /// Releases the identifier now; later calls and `deinit` do nothing.
    @discardableResult
    func close() -> herr_t {
        HDF5Library.withLock {
            guard isOpen else { return 0 }
            isOpen = false
            return release(id)
        }
    }

    deinit {
        close()
    }
}

/// Runs `body` and returns its error instead of throwing it, for closures that cannot throw a
/// typed error (the standard library's `withUnsafeBytes` rethrows untyped).
func capturing(_ body: () throws(HDF5Error) -> Void) -> HDF5Error? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}
