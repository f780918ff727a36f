import ArgumentParser
import DurableFiles
import Foundation
import ModelStore

/// The options every registry command shares: where the registry is and how long to wait for its lock.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Registry root folder.", discussion: "Default: $WORKBENCH_REGISTRY, else ./models.", valueName: "path"))
    var registry: String?

    @Option(name: .long, help: ArgumentHelp(
        "Seconds a writer waits for another writer of the same model before failing with exit 75.",
        valueName: "seconds"))
    var lockTimeout: Double = 60

    func validate() throws {
        guard lockTimeout >= 0, lockTimeout.isFinite else {
            throw ValidationError("--lock-timeout must be a number of seconds ≥ 0; got \(lockTimeout).")
        }
    }

    /// The registry these options select; waiting for the lock is announced on stderr.
    func makeRegistry() -> ModelRegistry {
        let root = registry.map { URL(fileURLWithPath: $0) } ?? ModelRegistry.defaultRoot()
        return ModelRegistry(root: root, lockTimeout: lockTimeout) { Log.info($0) }
    }

    /// The registry to read: a root named by --registry or $WORKBENCH_REGISTRY must exist and be a
    /// folder (66 / 78); the default ./models may be missing (no models yet).
    func existingRegistry() throws -> ModelRegistry {
        let registry = makeRegistry()
        let explicit = self.registry != nil || ProcessInfo.processInfo.environment["WORKBENCH_REGISTRY"].map { !$0.isEmpty } == true
        try registry.checkRoot(missingIsEmpty: !explicit)
        return registry
    }

    /// The registry folder no `--output` may enter (its version files are immutable): the one named
    /// by --registry or $WORKBENCH_REGISTRY, or ./models when it holds registered models.
    var protectedRoot: NamedPath? { Self.protectedRoot(registry: registry) }

    /// The registry folder no output may enter, for `registry` given by --registry (nil: a command
    /// without that option, such as `pull`): --registry, else $WORKBENCH_REGISTRY, else ./models
    /// when it holds registered models.
    static func protectedRoot(registry: String?) -> NamedPath? {
        if let registry { return NamedPath("--registry", registry) }
        if let root = ProcessInfo.processInfo.environment["WORKBENCH_REGISTRY"], !root.isEmpty {
            return NamedPath("$WORKBENCH_REGISTRY", root)
        }
        let registry = ModelRegistry(root: ModelRegistry.defaultRoot())
        return registry.names().isEmpty ? nil : NamedPath("the registry", registry.root.path)
    }
}
