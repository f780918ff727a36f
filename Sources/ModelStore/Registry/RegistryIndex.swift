/// The registry's record of one model name: `models/<name>/index.json`.
///
/// Replaced atomically (temp file, fsync, rename, directory fsync) by
/// writers holding the model's lock; readers read it without a lock and see
/// the old or the new index, never a mix.
public struct RegistryIndex: Sendable, Equatable, Codable {
    /// The schema identifier; readers reject others.
    public var schema: String
    /// The model name.
    public var name: String
    /// The next version number to hand out; only grows, so numbers are never reused.
    public var nextVersion: Int
    /// Registered versions, in increasing version order.
    public var versions: [ModelVersion]
    /// Alias → version number.
    public var aliases: [String: Int]
    /// Versions removed by `gc`.
    public var removed: [RemovedVersion]

    /// The schema this code writes and reads.
    public static let currentSchema = "workbench.registry-index/1"

    /// An empty index for `name`.
    public init(name: String) {
        self.schema = Self.currentSchema
        self.name = name
        self.nextVersion = 1
        self.versions = []
        self.aliases = [:]
        self.removed = []
    }

    /// The record of `version`, if registered and not removed.
    public func entry(_ version: Int) -> ModelVersion? {
        versions.first { $0.version == version }
    }

    /// The aliases pointing at `version`, sorted.
    public func aliases(of version: Int) -> [String] {
        aliases.filter { $0.value == version }.map(\.key).sorted()
    }

    enum CodingKeys: String, CodingKey {
        case schema, name, versions, aliases, removed
        case nextVersion = "next_version"
    }
}
