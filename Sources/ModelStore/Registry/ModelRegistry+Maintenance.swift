import DurableFiles
import Foundation

extension ModelRegistry {
    /// Removes old versions of model `name`, keeping every version that matters.
    ///
    /// The retention window is `keep`: gc never removes
    /// - the `keep` newest versions;
    /// - a version an alias points at now;
    /// - a version that appears (as source or target) in the last `keep` moves of any alias;
    /// - a version on an alias's rollback path within `keep` steps, so `rollback` keeps working.
    ///
    /// Removed numbers stay taken. The index is updated before files are
    /// deleted, so readers never resolve a deleted version; a file whose
    /// deletion a crash interrupted is removed by the next gc.
    /// - Parameters:
    ///   - keep: how many newest versions and alias moves to retain; ≥ 1.
    ///   - dryRun: report without removing anything.
    /// - Throws: `ModelStoreError.invalidReference` for `keep < 1`, `.notFound`, `.busy`, `.cannotWrite`.
    public func gc(name: String, keep: Int, dryRun: Bool = false) throws(ModelStoreError) -> GarbageCollection {
        guard keep >= 1 else {
            throw .invalidReference("gc --keep must be at least 1; got \(keep).")
        }
        return try withLock(name) { () throws(ModelStoreError) -> GarbageCollection in
            var index = try index(of: name)
            let moves = try AuditLog.read(try containedPath(name, AuditLog.fileName))
            var reasons: [Int: [String]] = [:]
            for entry in index.versions.suffix(keep) {
                reasons[entry.version, default: []].append("among the \(keep) newest")
            }
            for (alias, version) in index.aliases.sorted(by: { $0.key < $1.key }) {
                reasons[version, default: []].append("holds '\(alias)'")
            }
            for alias in Set(moves.map(\.alias)).sorted() {
                let recent = moves.filter { $0.alias == alias }.suffix(keep)
                for version in Set(recent.flatMap { [$0.from, $0.to].compactMap { $0 } }) {
                    reasons[version, default: []].append("in the last \(keep) moves of '\(alias)'")
                }
                for version in Set(AuditLog.rollbackPath(of: alias, in: moves).suffix(keep + 1)) {
                    reasons[version, default: []].append("on the rollback path of '\(alias)'")
                }
            }
            let doomed = index.versions.filter { reasons[$0.version] == nil }
            let kept = index.versions.compactMap { entry in
                reasons[entry.version].map { list in
                    var seen = Set<String>()
                    return (entry.version, list.filter { seen.insert($0).inserted })
                }
            }
            let report = GarbageCollection(removed: doomed.map(\.version), kept: kept)
            guard !dryRun else { return report }
            let now = TrainingEnvironment.nowUTC()
            index.versions.removeAll { reasons[$0.version] == nil }
            index.removed += doomed.map { RemovedVersion(version: $0.version, removedUTC: now, fileSHA256: $0.fileSHA256) }
            try store(index)
            let removedNumbers = Set(index.removed.map(\.version))
            for number in try versionFilesOnDisk(of: name) where removedNumbers.contains(number) {
                try FileSystem.remove(try containedPath(name, "v\(number).h5"))
            }
            let folder = try containedPath(name)
            StaleTemporaries.sweep(folder)
            do throws(DurableFileError) {
                try DirectorySync.sync(folder, for: folder)
            } catch {
                throw .cannotWrite(error.description)
            }
            return report
        }
    }

    /// Checks model `name` (or every model): index, aliases, audit log, and each
    /// version file's size, SHA-256 and internal checksums (by loading it fully).
    ///
    /// Never takes the lock and never changes anything.
    /// - Returns: the problems found; empty when all is well.
    /// - Throws: `ModelStoreError.notFound` for an unknown `name`.
    public func verify(_ name: String? = nil) throws(ModelStoreError) -> [RegistryProblem] {
        if let name { _ = try containedPath(name) }
        let models = name.map { [$0] } ?? names()
        var problems: [RegistryProblem] = []
        for model in models {
            problems += try verifyModel(model)
        }
        return problems
    }

    private func verifyModel(_ name: String) throws(ModelStoreError) -> [RegistryProblem] {
        var problems: [RegistryProblem] = []
        func report(_ version: Int?, _ severity: RegistryProblem.Severity, _ message: String) {
            problems.append(RegistryProblem(model: name, version: version, severity: severity, message: message))
        }
        let index: RegistryIndex
        do {
            index = try self.index(of: name)
        } catch .notFound(let message) {
            throw .notFound(message)
        } catch {
            report(nil, .corruption, error.description)
            return problems
        }
        for entry in index.versions {
            problems += verifyVersion(entry, of: name)
        }
        let numbers = Set(index.versions.map(\.version))
        if let highest = (numbers.union(index.removed.map(\.version))).max(), index.nextVersion <= highest {
            report(nil, .corruption, "the index would hand out v\(index.nextVersion) again; v\(highest) exists.")
        }
        for (alias, version) in index.aliases.sorted(by: { $0.key < $1.key }) where !numbers.contains(version) {
            report(version, .corruption, "alias '\(alias)' points at a version that is not registered.")
        }
        do {
            let moves = try AuditLog.read(try containedPath(name, AuditLog.fileName))
            for (alias, version) in index.aliases.sorted(by: { $0.key < $1.key }) {
                let last = moves.last { $0.alias == alias }?.to
                if last != version {
                    report(version, .warning, "alias '\(alias)' points here but its last audit record says "
                        + "\(last.map { "v\($0)" } ?? "nothing") (a move interrupted by a crash?).")
                }
            }
        } catch {
            report(nil, .corruption, error.description)
        }
        let removed = Set(index.removed.map(\.version))
        for number in try versionFilesOnDisk(of: name).sorted() where !numbers.contains(number) {
            report(number, .warning, removed.contains(number)
                ? "file v\(number).h5 of a removed version is still on disk; the next gc deletes it."
                : "file v\(number).h5 is not in the index (a registration interrupted by a crash?).")
        }
        for file in try temporaryFiles(of: name) {
            report(nil, .warning, "temporary file \(file) was left by an interrupted write; the next writer removes it.")
        }
        return problems
    }

    private func verifyVersion(_ entry: ModelVersion, of name: String) -> [RegistryProblem] {
        func problem(_ message: String) -> [RegistryProblem] {
            [RegistryProblem(model: name, version: entry.version, severity: .corruption, message: message)]
        }
        do {
            let path = try containedPath(name, entry.file)
            guard FileSystem.exists(path) else { return problem("file \(entry.file) is missing.") }
            let digest = try FileSystem.sha256(ofFile: path)
            guard digest.bytes == entry.bytes else {
                return problem("\(entry.file) has \(digest.bytes) bytes; the index recorded \(entry.bytes).")
            }
            guard digest.hex == entry.fileSHA256 else {
                return problem("\(entry.file) has SHA-256 \(digest.hex); the index recorded \(entry.fileSHA256).")
            }
            let loaded = try ModelFile.load(URL(fileURLWithPath: path))
            guard loaded.contentSHA256 == entry.contentSHA256 else {
                return problem("\(entry.file) has content SHA-256 \(loaded.contentSHA256); "
                    + "the index recorded \(entry.contentSHA256).")
            }
            return []
        } catch {
            return problem(error.description)
        }
    }
}
