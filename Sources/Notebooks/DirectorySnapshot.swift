import Foundation

/// The regular files under a directory and their contents, to see what a block created or changed and to
/// compare a fresh run's files with the committed ones.
struct DirectorySnapshot: Equatable {
    /// Relative path → content.
    var files: [String: Data]

    /// Reads every regular file under `root` (an absent directory is empty).
    init(root: String) {
        files = [:]
        let base = URL(fileURLWithPath: root)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return
        }
        let prefix = base.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  let data = try? Data(contentsOf: url) else { continue }
            let path = url.standardizedFileURL.path
            files[path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : url.lastPathComponent] = data
        }
    }

    /// Paths that are new or changed in `later`, sorted.
    func changes(to later: DirectorySnapshot) -> [String] {
        later.files.filter { files[$0.key] != $0.value }.map(\.key).sorted()
    }

    /// One line per difference between `self` (stored) and `fresh`, for `--check`.
    func differences(from fresh: DirectorySnapshot, label: String) -> [String] {
        let names = Set(files.keys).union(fresh.files.keys).sorted()
        return names.compactMap { name in
            switch (files[name], fresh.files[name]) {
            case (nil, _?): "\(label)/\(name): missing from the stored files"
            case (_?, nil): "\(label)/\(name): no longer produced"
            case let (stored?, new?) where stored != new: "\(label)/\(name): differs"
            default: nil
            }
        }
    }
}
