import Foundation

/// The exclusive writer lock of one model: `flock` on `models/<name>/.lock`.
///
/// Held for the whole of a register, promote, rollback or gc, released when
/// `body` returns or the process dies (the kernel drops `flock` locks with
/// the descriptor, so a killed writer never leaves a stale lock). Readers
/// never take it.
enum RegistryLock {
    /// Runs `body` holding the lock at `path`, waiting up to `timeout` seconds for it.
    ///
    /// - Parameters:
    ///   - onWait: called once, with a sentence naming the holder, when the lock is busy.
    /// - Throws: `ModelStoreError.busy` after the timeout, `.cannotWrite` when the lock file
    ///   cannot be opened, or what `body` throws.
    static func holding<R>(
        path: String, model: String, timeout: Double, onWait: (String) -> Void,
        _ body: () throws(ModelStoreError) -> R
    ) throws(ModelStoreError) -> R {
        let descriptor = try acquire(path: path, model: model, timeout: timeout, onWait: onWait)
        defer {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
        return try body()
    }

    private static func acquire(
        path: String, model: String, timeout: Double, onWait: (String) -> Void
    ) throws(ModelStoreError) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var announced = false
        while true {
            let descriptor = try lock(path: path, model: model, deadline: deadline, timeout: timeout,
                                      announced: &announced, onWait: onWait)
            // The holder before us may have removed the lock file with its folder (a failed first
            // registration); a lock on that unlinked file excludes no one, so start again.
            var held = stat(), current = stat()
            if fstat(descriptor, &held) == 0, stat(path, &current) == 0,
               held.st_dev == current.st_dev, held.st_ino == current.st_ino {
                return descriptor
            }
            close(descriptor)
            try FileSystem.createDirectory((path as NSString).deletingLastPathComponent)
        }
    }

    /// Removes the lock file and its folder when the folder holds nothing else; called by the
    /// holder, so waiting writers notice through the inode check in `acquire` and start again.
    static func removeIfAlone(in directory: String) {
        guard FileSystem.contents(of: directory) == [".lock"] else { return }
        unlink(directory + "/.lock")
        rmdir(directory)
    }

    /// Opens (creating) the lock file at `path` and waits for its `flock`.
    private static func lock(
        path: String, model: String, deadline: Date, timeout: Double, announced: inout Bool, onWait: (String) -> Void
    ) throws(ModelStoreError) -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotWrite("Cannot open the registry lock \(path): \(String(cString: strerror(errno))).")
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .cannotWrite("Cannot lock \(path): \(reason).")
            }
            let holder = Self.holder(descriptor)
            guard Date() < deadline else {
                close(descriptor)
                throw .busy(
                    "Model '\(model)' is locked by another writer (\(holder)); gave up after \(Self.format(timeout)) s. "
                        + "Retry later or raise --lock-timeout.")
            }
            if !announced {
                onWait("Waiting for the registry lock of model '\(model)', held by \(holder) "
                    + "(up to \(Self.format(timeout)) s)…")
                announced = true
            }
            usleep(50_000)
        }
        let note = "pid \(getpid()) on \(TrainingEnvironment.host()) since \(TrainingEnvironment.nowUTC())\n"
        ftruncate(descriptor, 0)
        _ = Array(note.utf8).withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return descriptor
    }

    /// Who holds the lock, as its holder wrote it; "another process" when unknown.
    private static func holder(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 200)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        let text = count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : ""
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.isEmpty ? "another process" : line
    }

    private static func format(_ seconds: Double) -> String {
        seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
    }
}
