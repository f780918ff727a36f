/// One registered, immutable version of a model as the registry index records it.
public struct ModelVersion: Sendable, Equatable, Codable {
    /// The version number, unique and never reused within the model name.
    public var version: Int
    /// The version file's name inside the model's folder, e.g. `v3.h5`.
    public var file: String
    /// SHA-256 of the whole version file; `verify` and loading through the registry recompute it.
    public var fileSHA256: String
    /// Size of the version file in bytes.
    public var bytes: Int
    /// The file's `content_sha256` attribute (its datasets and attributes); equal for identical models.
    public var contentSHA256: String
    /// When the registry accepted the version (ISO 8601 UTC).
    public var registeredUTC: String
    /// The model's metadata, with `name`, `version` and `parentVersion` filled in.
    public var metadata: ModelMetadata

    /// A version record.
    public init(
        version: Int, file: String, fileSHA256: String, bytes: Int, contentSHA256: String,
        registeredUTC: String, metadata: ModelMetadata
    ) {
        self.version = version
        self.file = file
        self.fileSHA256 = fileSHA256
        self.bytes = bytes
        self.contentSHA256 = contentSHA256
        self.registeredUTC = registeredUTC
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case version, file, bytes, metadata
        case fileSHA256 = "file_sha256"
        case contentSHA256 = "content_sha256"
        case registeredUTC = "registered_utc"
    }
}

/// A version that `gc` removed: its number stays taken forever.
public struct RemovedVersion: Sendable, Equatable, Codable {
    /// The removed version number.
    public var version: Int
    /// When it was removed (ISO 8601 UTC).
    public var removedUTC: String
    /// The file's SHA-256 when it was removed, for the record.
    public var fileSHA256: String

    enum CodingKeys: String, CodingKey {
        case version
        case removedUTC = "removed_utc"
        case fileSHA256 = "file_sha256"
    }
}
