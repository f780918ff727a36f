import Foundation

/// Removes a file or a directory with its contents, ignoring what is already gone.
enum RemoveTree {
    static func remove(_ path: String) {
        if POSIXCalls.unlinkIfPresent(path) == nil { return }
        try? FileManager.default.removeItem(atPath: path)
    }
}
