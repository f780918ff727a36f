import DurableFiles
import Foundation
import ModelStore

/// Publishes bundles to a directory that collectors read: `DIR/NAME/v<N>/` (immutable), `current.json`,
/// `previous.json` and `history.jsonl`.
///
/// Goals, in order: a reader following `current.json` always finds a complete bundle whose hashes match →
/// going back is one pointer move → every move is on record → republishing is a no-op.
/// Order of writes: bundle staged in `DIR/NAME/.v<N>.tmp-…`, fsynced, renamed to `v<N>`; then `previous.json`
/// (the old pointer), then `current.json` (temporary, fsync, rename, fsync the folder), then one history line.
/// A crash between any two steps leaves `current.json` on a complete, verified bundle. Files are 0644 and
/// folders 0755 so collectors running as another user can read them. Publishers of one model take turns on
/// `flock(DIR/NAME/.lock)`; publishers of different models never wait for each other.
public struct DirectoryPublisher: Sendable {
    /// The publication root `DIR`.
    public let root: String
    /// Seconds a publisher waits for another publisher of the same model; default 60, long enough for a
    /// large bundle's copy, short enough for a cron job to fail visibly (exit 75).
    public let lockTimeout: Double

    /// A publisher writing under `root`.
    public init(root: String, lockTimeout: Double = 60) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.lockTimeout = lockTimeout
    }

    /// The names with a `current.json` under the root, sorted.
    public func names() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return entries.filter { entry in
            (try? ModelReference.validateName(entry)) != nil
                && FileManager.default.fileExists(atPath: root + "/" + entry + "/current.json")
        }.sorted()
    }

    /// Writes `bundle` (unless the same bundle is already there) and makes it current.
    /// - Parameter threshold: the choice as the user typed it, for the history line.
    /// - Returns: what moved; `changed` is false when the bundle was already current.
    /// - Throws: `PublishingError.invalidRequest` when `v<N>` exists with other content, `.corrupted` when it
    ///   exists damaged, `.cannotWrite` when a write fails (the previous publication stays current).
    public func publish(_ bundle: ModelBundle, threshold: String?) throws(PublishingError) -> PublicationOutcome {
        let folder = try modelFolder(bundle.name, create: true)
        return try PublicationLock.holding(folder, timeout: lockTimeout) { () throws(PublishingError) in
            try publishLocked(bundle, threshold: threshold, in: folder)
        }
    }

    private func publishLocked(
        _ bundle: ModelBundle, threshold: String?, in folder: String
    ) throws(PublishingError) -> PublicationOutcome {
        let destination = folder + "/" + bundle.folder
        let current = try readPointer(folder + "/current.json")
        var manifestSHA256 = bundle.manifestSHA256
        var reused = false
        if FileManager.default.fileExists(atPath: destination) {
            manifestSHA256 = try existingBundle(at: destination, matching: bundle)
            reused = true
        } else {
            try writeBundle(bundle, to: destination)
        }
        if let current, current.version == bundle.version, current.manifestSHA256 == manifestSHA256 {
            return PublicationOutcome(changed: false, from: current.version, to: current.version,
                                      manifestSHA256: manifestSHA256, reusedBundle: reused)
        }
        TestPause.at("pointer")
        let pointer = PublicationPointer(name: bundle.name, version: bundle.version, path: bundle.folder,
                                         manifestSHA256: manifestSHA256, publishedUTC: JSONFiles.now())
        try movePointer(in: folder, from: current, to: pointer, action: "publish", threshold: threshold)
        return PublicationOutcome(changed: true, from: current?.version, to: bundle.version,
                                  manifestSHA256: manifestSHA256, reusedBundle: reused)
    }

    /// Makes the previous publication current again (and the current one previous), after verifying it.
    /// - Throws: `PublishingError.notFound` when there is no previous publication, `.corrupted` when its
    ///   bundle fails verification (nothing moves then).
    public func rollback(name: String) throws(PublishingError) -> PublicationOutcome {
        let folder = try modelFolder(name, create: false)
        guard FileManager.default.fileExists(atPath: folder + "/current.json") else {
            throw .notFound("Nothing is published for model '\(name)' in \(root).")
        }
        return try PublicationLock.holding(folder, timeout: lockTimeout) { () throws(PublishingError) in
            try rollbackLocked(name: name, in: folder)
        }
    }

    private func rollbackLocked(name: String, in folder: String) throws(PublishingError) -> PublicationOutcome {
        guard let current = try readPointer(folder + "/current.json") else {
            throw .notFound("Nothing is published for model '\(name)' in \(root).")
        }
        guard let previous = try readPointer(folder + "/previous.json"), previous != current,
              previous.version != current.version || previous.manifestSHA256 != current.manifestSHA256 else {
            throw .notFound("Model '\(name)' in \(root) has no previous publication to roll back to "
                + "(current is v\(current.version)).")
        }
        let check = BundleVerifier.verify(folder + "/" + previous.path, name: name, version: previous.version,
                                          manifestSHA256: previous.manifestSHA256)
        guard check.problems.isEmpty else {
            throw .corrupted("Cannot roll back \(name) to v\(previous.version): "
                + check.problems.joined(separator: " "))
        }
        var target = previous
        target.publishedUTC = JSONFiles.now()
        try movePointer(in: folder, from: current, to: target, action: "rollback", threshold: nil)
        return PublicationOutcome(changed: true, from: current.version, to: previous.version,
                                  manifestSHA256: previous.manifestSHA256, reusedBundle: true)
    }

    /// What is current for `name` and whether its bundle verifies (manifest hash, every file's size and hash).
    /// - Throws: `PublishingError.notFound` when nothing was ever published for `name`.
    public func status(name: String) throws(PublishingError) -> PublicationStatus {
        let folder = try modelFolder(name, create: false)
        guard let current = try readPointer(folder + "/current.json") else {
            throw .notFound("Nothing is published for model '\(name)' in \(root).")
        }
        let previous = try? readPointer(folder + "/previous.json")
        let check = BundleVerifier.verify(folder + "/" + current.path, name: name, version: current.version,
                                          manifestSHA256: current.manifestSHA256)
        var rule: String?
        if check.problems.isEmpty, let bytes = try? JSONFiles.read(folder + "/" + current.path + "/thresholds.json"),
           let document = try? JSONFiles.decode(ThresholdsDocument.self, from: bytes, path: "thresholds.json"),
           let anomaly = document.scopes.first?.isAnomaly {
            rule = "\(anomaly.level) (\(anomaly.score) \(anomaly.direction == "below" ? "<" : ">=") \(anomaly.value))"
        }
        return PublicationStatus(name: name, current: current, previous: previous ?? nil,
                                 verified: check.problems.isEmpty, problems: check.problems, anomalyRule: rule)
    }

    // MARK: - Steps

    /// `DIR/NAME`, created 0755 when asked.
    private func modelFolder(_ name: String, create: Bool) throws(PublishingError) -> String {
        do {
            try ModelReference.validateName(name)
        } catch {
            throw .invalidRequest(error.description)
        }
        let folder = root + "/" + name
        if create { try ReadableFile.createDirectory(folder) }
        return folder
    }

    /// Stages the bundle, checks the staged model loads and every file hashes as listed, then renames it in.
    private func writeBundle(_ bundle: ModelBundle, to destination: String) throws(PublishingError) {
        do {
            try AtomicDirectory.write(to: destination, existing: .refuse) { staging in
                for file in bundle.allFiles {
                    try ReadableFile.write(file.bytes, to: staging + "/" + file.path)
                }
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: staging)
                _ = try ModelFile.load(URL(fileURLWithPath: staging + "/model.h5"))
                let check = BundleVerifier.verify(staging, name: bundle.name, version: bundle.version,
                                                  manifestSHA256: bundle.manifestSHA256)
                guard check.problems.isEmpty else {
                    throw PublishingError.cannotWrite("The staged bundle for \(destination) does not verify: "
                        + check.problems.joined(separator: " "))
                }
                TestPause.at("bundle-rename")
            }
        } catch let error as PublishingError {
            throw error
        } catch let error as ModelStoreError {
            throw .cannotWrite("The staged model for \(destination) does not load: \(error).")
        } catch {
            throw .cannotWrite("Cannot write bundle \(destination): \(error).")
        }
    }

    /// The manifest hash of the bundle already at `destination`, when it is whole and holds the same files.
    private func existingBundle(at destination: String, matching bundle: ModelBundle) throws(PublishingError) -> String {
        let check = BundleVerifier.verify(destination, name: bundle.name, version: bundle.version, manifestSHA256: nil)
        guard check.problems.isEmpty, let manifest = check.manifest, let digest = check.manifestSHA256 else {
            throw .corrupted("Bundle \(destination) exists but is damaged: \(check.problems.joined(separator: " ")) "
                + "Remove it if it is not current, then publish again.")
        }
        guard manifest.files == bundle.manifest.files else {
            let differing = bundle.manifest.files.filter { !manifest.files.contains($0) }.map(\.path)
            throw .invalidRequest("Bundle \(destination) already exists with different "
                + "\(differing.joined(separator: ", ")) (another --threshold?); bundles are immutable. "
                + "Register a new version, or remove the folder if it is neither current nor previous.")
        }
        return digest
    }

    /// Writes `previous.json` (the old pointer), then `current.json`, then one history line.
    private func movePointer(
        in folder: String, from current: PublicationPointer?, to pointer: PublicationPointer, action: String,
        threshold: String?
    ) throws(PublishingError) {
        let event = PublicationEvent(
            action: action, name: pointer.name, from: current?.version, to: pointer.version,
            manifestSHA256: pointer.manifestSHA256, threshold: threshold, time: pointer.publishedUTC,
            actor: TrainingEnvironment.user() + "@" + TrainingEnvironment.host())
        if let current {
            try ReadableFile.write(try JSONFiles.encode(current), to: folder + "/previous.json")
        }
        try ReadableFile.write(try JSONFiles.encode(pointer), to: folder + "/current.json") {
            TestPause.at("pointer-rename")
        }
        try ReadableFile.append(try JSONFiles.line(event), to: folder + "/history.jsonl")
    }

    /// The pointer at `path`, or nil when it does not exist.
    private func readPointer(_ path: String) throws(PublishingError) -> PublicationPointer? {
        guard let bytes = try JSONFiles.read(path) else { return nil }
        return try JSONFiles.decode(PublicationPointer.self, from: bytes, path: path)
    }
}
