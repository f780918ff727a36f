/// The content of `current.json` and `previous.json`: which bundle is live, pinned by its manifest's hash.
public struct PublicationPointer: Sendable, Equatable, Codable {
    /// The model name.
    public var name: String
    /// The published version.
    public var version: Int
    /// The bundle folder inside `DIR/NAME`, e.g. `v3`.
    public var path: String
    /// SHA-256 of the bundle's `manifest.json` bytes.
    public var manifestSHA256: String
    /// When the pointer was written (ISO 8601 UTC).
    public var publishedUTC: String

    /// A pointer.
    public init(name: String, version: Int, path: String, manifestSHA256: String, publishedUTC: String) {
        self.name = name
        self.version = version
        self.path = path
        self.manifestSHA256 = manifestSHA256
        self.publishedUTC = publishedUTC
    }

    enum CodingKeys: String, CodingKey {
        case name, version, path
        case manifestSHA256 = "manifest_sha256"
        case publishedUTC = "published_utc"
    }
}

/// One line of `history.jsonl`: a move of the current pointer.
public struct PublicationEvent: Sendable, Equatable, Codable {
    /// `publish` or `rollback`.
    public var action: String
    /// The model name.
    public var name: String
    /// The version current before the move; nil for the first publication.
    public var from: Int?
    /// The version current after the move.
    public var to: Int
    /// The new current manifest's SHA-256.
    public var manifestSHA256: String
    /// The threshold choice (`publish` only).
    public var threshold: String?
    /// When (ISO 8601 UTC).
    public var time: String
    /// Who (user@host).
    public var actor: String

    enum CodingKeys: String, CodingKey {
        case action, name, from, to, threshold, time, actor
        case manifestSHA256 = "manifest_sha256"
    }
}
