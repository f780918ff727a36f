import Foundation

/// Removes temporaries left by writers that died (`kill -9`, power loss) before renaming them.
///
/// A temporary is stale when its name follows `TemporaryName` and the PID in it no longer runs.
/// A live writer's temporary is never touched, so this is safe to call before every write.
public enum StaleTemporaries {
    /// Removes the stale temporaries directly inside `directory`; returns their names, sorted.
    @discardableResult
    public static func sweep(_ directory: String) -> [String] {
        let stale = find(directory)
        for name in stale { RemoveTree.remove(directory + "/" + name) }
        return stale
    }

    /// The names of the stale temporaries directly inside `directory`, sorted, without removing them.
    public static func find(_ directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.sorted().filter { name in
            guard let pid = TemporaryName.ownerPID(of: name) else { return false }
            return !POSIXCalls.processExists(pid)
        }
    }
}
