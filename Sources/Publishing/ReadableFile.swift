import DurableFiles
import Foundation

/// Files collectors read as another user: written through `AtomicFile` and made 0644 before the rename,
/// whatever the publisher's umask.
enum ReadableFile {
    /// Publishes `bytes` at `path` with mode 0644; `beforeRename` runs once the temporary is complete.
    /// - Throws: `PublishingError.cannotWrite` naming `path`.
    static func write(_ bytes: [UInt8], to path: String, beforeRename: () -> Void = {}) throws(PublishingError) {
        do {
            try AtomicFile.write(to: path) { temporary in
                guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes),
                                                     attributes: [.posixPermissions: 0o644]) else {
                    throw PublishingError.cannotWrite("Cannot write \(path).")
                }
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: temporary)
                beforeRename()
            }
        } catch let error as PublishingError {
            throw error
        } catch {
            throw .cannotWrite("Cannot write \(path): \(error).")
        }
    }

    /// Appends `line` to the log at `path`, then makes sure the log is 0644.
    static func append(_ line: String, to path: String) throws(PublishingError) {
        do {
            try AppendOnlyFile.appendLine(line, to: path)
        } catch {
            throw .cannotWrite(error.description)
        }
        try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    }

    /// Creates `path` and missing parents; the folders this call creates get mode 0755.
    static func createDirectory(_ path: String) throws(PublishingError) {
        guard !path.isEmpty, path != "/", path != ".", !FileManager.default.fileExists(atPath: path) else { return }
        try createDirectory((path as NSString).deletingLastPathComponent)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        } catch {
            if FileManager.default.fileExists(atPath: path) { return }  // created by a concurrent publisher
            throw .cannotWrite("Cannot create \(path): \(error.localizedDescription).")
        }
    }
}
