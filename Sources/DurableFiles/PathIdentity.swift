#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path leads to on disk: device and inode, so two spellings of one file compare equal
/// (symbolic links, `..`, hard links, bind mounts).
public struct PathIdentity: Equatable, Hashable, Sendable {
    /// The device holding the file.
    public let device: UInt64
    /// The file's inode number on that device.
    public let inode: UInt64

    /// The identity of what `path` leads to, following symbolic links; nil when nothing exists there.
    public init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }

    /// The absolute path of `path` with symbolic links and `..` resolved as far as it exists:
    /// the deepest existing ancestor is resolved by the system, the missing rest appended as given.
    public static func canonical(_ path: String) -> String {
        var existing = path.isEmpty ? "." : path
        var missing: [String] = []
        while true {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                return missing.reversed().reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
            }
            let (directory, name) = TemporaryName.split(existing)
            if directory.isEmpty {
                missing.append(name)
                existing = "."
            } else if name.isEmpty {
                existing = String(existing.dropLast())
            } else {
                missing.append(name)
                existing = directory == "/" ? "/" : String(directory.dropLast())
            }
        }
    }
}
