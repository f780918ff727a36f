import Foundation

/// Publishes a whole directory (a model bundle, a report) so that readers see all of it or none.
///
/// The content is staged in `TemporaryName.beside(destination)`, every file in it fsynced, then the
/// staging directory is renamed to `destination` and the parent fsynced.
public enum AtomicDirectory {
    /// Whether an existing destination may be replaced.
    public enum Existing: Sendable {
        /// Refuse when `destination` exists (immutable bundles).
        case refuse
        /// Replace `destination` whole (reports): the old one is renamed aside, then removed.
        case replace
    }

    /// Lets `body` fill the staging directory it receives, then publishes it at `destination`.
    /// - Throws: what `body` throws, or `DurableFileError` naming `destination` (also when it exists and
    ///   `existing` is `.refuse`). On failure the staging directory is removed and `destination` is untouched.
    public static func write(to destination: String, existing: Existing = .refuse,
                             _ body: (String) throws -> Void) throws {
        let parent = TemporaryName.directory(of: destination)
        StaleTemporaries.sweep(parent)
        let staging = TemporaryName.beside(destination)
        OwnedTemporaries.register(staging)
        defer { OwnedTemporaries.unregister(staging) }
        do {
            do {
                try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false,
                                                        attributes: [.posixPermissions: 0o755])
            } catch {
                throw DurableFileError(path: destination, reason: (error as NSError).localizedFailureReason
                    ?? "cannot create a staging directory in \(parent)")
            }
            try body(staging)
            try syncTree(staging, for: destination)
            try place(staging, at: destination, existing: existing)
        } catch {
            RemoveTree.remove(staging)
            throw error
        }
    }

    private static func place(_ staging: String, at destination: String, existing: Existing) throws(DurableFileError) {
        let exists = FileManager.default.fileExists(atPath: destination)
        if exists && existing == .refuse {
            throw DurableFileError(path: destination, reason: "already exists")
        }
        var aside: String?
        if exists {
            let moved = TemporaryName.beside(destination)
            OwnedTemporaries.register(moved)
            if let failure = POSIXCalls.rename(destination, moved) {
                OwnedTemporaries.unregister(moved)
                throw DurableFileError(path: destination, reason: failure.reason)
            }
            aside = moved
        }
        if let failure = POSIXCalls.rename(staging, destination) {
            if let aside { _ = POSIXCalls.rename(aside, destination); OwnedTemporaries.unregister(aside) }
            throw DurableFileError(path: destination, reason: failure.reason)
        }
        try DirectorySync.sync(TemporaryName.directory(of: destination), for: destination)
        if let aside {
            RemoveTree.remove(aside)
            OwnedTemporaries.unregister(aside)
        }
    }

    /// Fsyncs every file and directory under `root`, then `root` itself.
    private static func syncTree(_ root: String, for destination: String) throws(DurableFileError) {
        let entries = (FileManager.default.subpaths(atPath: root) ?? []).sorted()
        for entry in entries.reversed() {
            if let failure = POSIXCalls.sync(path: root + "/" + entry) {
                throw DurableFileError(path: destination, reason: failure.reason)
            }
        }
        if let failure = POSIXCalls.sync(path: root) {
            throw DurableFileError(path: destination, reason: failure.reason)
        }
    }
}
