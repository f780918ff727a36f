#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The one naming scheme for temporaries: `.NAME.tmp-PID-N` beside the destination.
///
/// The owner's PID in the name lets `StaleTemporaries` tell a dead writer's leftovers
/// from a live writer's work in progress.
public enum TemporaryName {
    private static let counter = Atomic<Int>(0)

    /// A fresh temporary path beside `destination` (same directory, so the final rename stays on one file system).
    public static func beside(_ destination: String) -> String {
        let (directory, name) = split(destination)
        let number = counter.add(1, ordering: .relaxed).newValue
        return "\(directory).\(name).tmp-\(getpid())-\(number)"
    }

    /// The owner's PID when `name` (a bare file name) follows the scheme.
    public static func ownerPID(of name: String) -> Int32? {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let suffix = name[marker.upperBound...].split(separator: "-")
        guard suffix.count == 2, let pid = Int32(suffix[0]), pid > 0, Int(suffix[1]) != nil else { return nil }
        return pid
    }

    /// `path` split into its directory (with trailing slash, or empty) and its last component.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    /// The directory holding `path` ("." for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
