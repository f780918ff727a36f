import Synchronization

/// The temporaries this process is writing right now, so a SIGINT/SIGTERM handler can remove them.
///
/// Every writer in this module registers its temporary before creating it and unregisters it after
/// the rename or removal; `removeAll()` is what the signal handler calls before exiting.
public enum OwnedTemporaries {
    private static let paths = Mutex<Set<String>>([])

    /// Records `path` as owned by this process.
    public static func register(_ path: String) {
        paths.withLock { _ = $0.insert(path) }
    }

    /// Forgets `path` (renamed into place or removed).
    public static func unregister(_ path: String) {
        paths.withLock { _ = $0.remove(path) }
    }

    /// The paths currently owned, sorted.
    public static var current: [String] {
        paths.withLock { $0.sorted() }
    }

    /// Removes every owned temporary (files, or staged directories with their contents).
    public static func removeAll() {
        let owned = paths.withLock { all in
            defer { all.removeAll() }
            return all
        }
        for path in owned { RemoveTree.remove(path) }
    }
}
