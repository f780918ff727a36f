import DurableFiles
import Foundation

/// A versioned model registry on the file system: immutable version files, an index and an audit log per model.
///
/// Layout (see docs/model-format.md):
/// ```
/// <root>/<name>/v<N>.h5       one immutable model file per version, never rewritten
/// <root>/<name>/index.json    versions, aliases, removed versions (replaced atomically)
/// <root>/<name>/audit.jsonl   one line per alias move (append-only)
/// <root>/<name>/.lock         writers' flock
/// ```
/// Writers (register, promote, rollback, gc) hold the model's lock; readers
/// never lock and never see a partial file, because version files and the
/// index appear only by rename after being written and fsynced.
public struct ModelRegistry: Sendable {
    /// The registry's root folder.
    public let root: URL
    /// How long a writer waits for another writer of the same model, in seconds;
    /// default 60, long enough for a large model's save, short enough for a cron job to fail visibly.
    public let lockTimeout: Double
    /// Receives the one-line notice printed when a writer has to wait for the lock.
    public let onWait: @Sendable (String) -> Void

    /// A registry rooted at `root` (created on the first registration).
    public init(root: URL, lockTimeout: Double = 60, onWait: @escaping @Sendable (String) -> Void = { _ in }) {
        self.root = root.standardizedFileURL
        self.lockTimeout = lockTimeout
        self.onWait = onWait
    }

    /// The default root: env `WORKBENCH_REGISTRY` when set, else `models` in the working directory.
    public static func defaultRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        URL(fileURLWithPath: environment["WORKBENCH_REGISTRY"].flatMap { $0.isEmpty ? nil : $0 } ?? "models")
    }

    /// The names of the registered models, sorted.
    public func names() -> [String] {
        FileSystem.contents(of: root.path).filter { name in
            (try? ModelReference.validateName(name)) != nil
                && FileSystem.exists(root.path + "/" + name + "/index.json")
        }.sorted()
    }

    /// Checks that the root is a registry folder before anything reads or creates inside it.
    /// - Parameter missingIsEmpty: a missing root is an empty registry (the default root before the
    ///   first registration) rather than an error (a mistyped `--registry`).
    /// - Throws: `.notFound` for a missing root unless `missingIsEmpty`; `.notARegistry` for a root
    ///   that exists but is not a folder.
    public func checkRoot(missingIsEmpty: Bool = false) throws(ModelStoreError) {
        var status = stat()
        guard stat(root.path, &status) == 0 else {
            if missingIsEmpty && errno == ENOENT { return }
            throw .notFound("The registry \(root.path) does not exist: \(String(cString: strerror(errno))) "
                + "(check --registry or WORKBENCH_REGISTRY).")
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw .notARegistry("The registry \(root.path) is a file, not a registry folder "
                + "(check --registry or WORKBENCH_REGISTRY).")
        }
    }

    /// The index of model `name`.
    /// - Throws: `ModelStoreError.notFound` when the model has no index, `.corrupted` when it is unreadable,
    ///   `.invalidReference` for a bad name or a folder escaping the root.
    public func index(of name: String) throws(ModelStoreError) -> RegistryIndex {
        guard let index = try existingIndex(of: name) else {
            try checkRoot(missingIsEmpty: true)
            let known = names()
            throw .notFound("Model '\(name)' is not in the registry \(root.path)"
                + (known.isEmpty ? " (it holds no models)." : "; it holds: \(known.joined(separator: ", "))."))
        }
        return index
    }

    /// The version `reference` selects.
    /// - Throws: `ModelStoreError.notFound` naming what exists when the version or alias is unknown.
    public func version(_ reference: ModelReference) throws(ModelStoreError) -> ModelVersion {
        let index = try index(of: reference.name)
        switch reference.selector {
        case .latest:
            guard let last = index.versions.last else {
                throw .notFound("Model '\(reference.name)' has no versions.")
            }
            return last
        case .version(let number):
            guard let entry = index.entry(number) else {
                let removed = index.removed.contains { $0.version == number }
                throw .notFound("\(reference) does not exist"
                    + (removed ? " (removed by gc)." : "; versions: \(Self.describe(index.versions.map(\.version)))."))
            }
            return entry
        case .alias(let alias):
            guard let number = index.aliases[alias], let entry = index.entry(number) else {
                let known = index.aliases.keys.sorted()
                throw .notFound("Model '\(reference.name)' has no alias '\(alias)'"
                    + (known.isEmpty ? " (it has no aliases)." : "; aliases: \(known.joined(separator: ", "))."))
            }
            return entry
        }
    }

    /// The version file `reference` selects, checked to lie inside the registry.
    /// - Throws: as `version(_:)`, and `.invalidReference` for a file escaping the root.
    public func resolve(_ reference: ModelReference) throws(ModelStoreError) -> URL {
        let entry = try version(reference)
        return URL(fileURLWithPath: try containedPath(reference.name, entry.file))
    }

    /// The version file `text` (`name`, `name@vN`, `name@alias`) selects.
    public func resolve(_ text: String) throws(ModelStoreError) -> URL {
        try resolve(ModelReference(parsing: text))
    }

    /// The alias moves of model `name`, oldest first.
    /// - Throws: `ModelStoreError.corrupted` for an unreadable line other than a torn last one.
    public func history(of name: String) throws(ModelStoreError) -> [AliasMove] {
        _ = try index(of: name)
        return try AuditLog.read(try containedPath(name, AuditLog.fileName))
    }

    /// The model's folder, or `name`'s member `file` in it, refusing anything that resolves outside the root.
    func containedPath(_ name: String, _ file: String? = nil) throws(ModelStoreError) -> String {
        try ModelReference.validateName(name)
        let directory = root.path + "/" + name
        let path = file.map { directory + "/" + $0 } ?? directory
        let rootReal = FileSystem.realPath(root.path) ?? root.path
        for candidate in [directory, path] where FileSystem.isSymbolicLink(candidate) {
            guard let target = FileSystem.realPath(candidate), target.hasPrefix(rootReal + "/") else {
                throw .invalidReference("\(candidate) is a symbolic link leading outside the registry \(root.path); refusing it.")
            }
        }
        return path
    }

    /// The index of `name`, or nil when the model has none yet.
    func existingIndex(of name: String) throws(ModelStoreError) -> RegistryIndex? {
        let path = try containedPath(name, "index.json")
        guard let data = try FileSystem.read(path) else { return nil }
        let index: RegistryIndex
        do {
            index = try JSONDecoder().decode(RegistryIndex.self, from: data)
        } catch {
            throw .corrupted("Registry index \(path) is unreadable: \(error).")
        }
        guard index.schema == RegistryIndex.currentSchema, index.name == name else {
            throw .corrupted("Registry index \(path) has schema '\(index.schema)' for model '\(index.name)'; "
                + "expected '\(RegistryIndex.currentSchema)' for '\(name)'.")
        }
        return index
    }

    /// Replaces the index of `index.name` atomically.
    func store(_ index: RegistryIndex) throws(ModelStoreError) {
        let path = try containedPath(index.name, "index.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(index)
        } catch {
            throw .cannotWrite("Cannot encode registry index \(path): \(error).")
        }
        do {
            try AtomicFile.write(bytes: Array(data) + [0x0A], to: path)
        } catch {
            throw .cannotWrite(error.description)
        }
    }

    /// Runs `body` holding the writer lock of model `name`.
    ///
    /// Only a registration (`creating`) creates the model's folder and lock file, and removes them
    /// again when it fails before the model has an index; every other writer first checks that the
    /// model exists. So a failing command leaves nothing behind.
    /// - Throws: `.notFound` (as `index(of:)`) for an unknown model unless `creating`.
    func withLock<R>(
        _ name: String, creating: Bool = false, _ body: () throws(ModelStoreError) -> R
    ) throws(ModelStoreError) -> R {
        let directory = try containedPath(name)
        if creating {
            try checkRoot(missingIsEmpty: true)
            try FileSystem.createDirectory(directory)
        } else {
            _ = try index(of: name)
        }
        return try RegistryLock.holding(
            path: directory + "/.lock", model: name, timeout: lockTimeout, onWait: onWait
        ) { () throws(ModelStoreError) -> R in
            do throws(ModelStoreError) {
                return try body()
            } catch {
                // A first registration that failed (disk full, say) takes back the folder it made.
                if creating, (try? existingIndex(of: name)) == nil { RegistryLock.removeIfAlone(in: directory) }
                throw error
            }
        }
    }

    static func describe(_ versions: [Int]) -> String {
        versions.isEmpty ? "none" : versions.map { "v\($0)" }.joined(separator: ", ")
    }
}
