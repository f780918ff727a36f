import ModelStore

/// The content of a bundle's `manifest.json`: what the bundle holds and where the model came from.
///
/// `files` lists every other file of the bundle with its SHA-256 and size; the manifest's own SHA-256 is
/// recorded in `current.json`, so one hash chain covers the whole bundle.
public struct BundleManifest: Sendable, Equatable, Codable {
    /// One file of the bundle.
    public struct File: Sendable, Equatable, Codable {
        /// The path inside the bundle, e.g. `model.h5`.
        public var path: String
        /// Lower-case hex SHA-256 of the file's bytes.
        public var sha256: String
        /// The file's size in bytes.
        public var bytes: Int
    }

    /// Format versions of the bundle and of each file in it.
    public struct Formats: Sendable, Equatable, Codable {
        /// The bundle layout (`workbench-bundle`).
        public var bundle: Int
        /// The model file format, `major.minor` (docs/model-format.md).
        public var modelFile: String
        /// `thresholds.json`'s `format_version`.
        public var thresholds: Int
        /// `selftest.csv`'s layout.
        public var selftest: Int

        enum CodingKeys: String, CodingKey {
            case bundle, thresholds, selftest
            case modelFile = "model_file"
        }
    }

    /// Where the model came from in the registry.
    public struct Registry: Sendable, Equatable, Codable {
        /// SHA-256 of the registry's version file (equal to `model.h5`'s).
        public var fileSHA256: String
        /// The model file's `content_sha256` (its datasets and attributes).
        public var contentSHA256: String
        /// The lineage digest: SHA-256 of the training feature matrix (`lineage.dataset_sha256`).
        public var lineageDigest: String
        /// When the registry accepted the version.
        public var registeredUTC: String

        enum CodingKeys: String, CodingKey {
            case fileSHA256 = "file_sha256"
            case contentSHA256 = "content_sha256"
            case lineageDigest = "lineage_digest"
            case registeredUTC = "registered_utc"
        }
    }

    /// `workbench-bundle`.
    public var format = "workbench-bundle"
    /// The model name.
    public var name: String
    /// The model version.
    public var version: Int
    /// When the bundle was written (ISO 8601 UTC).
    public var created: String
    /// The algorithm, e.g. `isolation-forest`.
    public var algorithm: String
    /// Feature names in model column order; inputs are matched to them by name.
    public var features: [String]
    /// How raw metrics become features, when the model metadata carries a feature spec; nil otherwise.
    public var featureSpec: JSONValue?
    /// Input conventions, e.g. `{"input_dtype": "float32", "missing": "NaN"}`.
    public var preprocessing: [String: JSONValue]
    /// The tenant, when the lineage names one.
    public var tenant: String?
    /// The training data.
    public var lineage: TrainingLineage
    /// Where the model came from in the registry.
    public var registry: Registry
    /// Format versions.
    public var formats: Formats
    /// The other files of the bundle, sorted by path.
    public var files: [File]
    /// The Workbench version that wrote the bundle.
    public var producer: String

    enum CodingKeys: String, CodingKey {
        case format, name, version, created, algorithm, features, preprocessing, tenant, lineage, registry
        case formats, files, producer
        case featureSpec = "feature_spec"
    }

    /// Writes every key, null included.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encode(created, forKey: .created)
        try container.encode(algorithm, forKey: .algorithm)
        try container.encode(features, forKey: .features)
        try container.encode(featureSpec, forKey: .featureSpec)
        try container.encode(preprocessing, forKey: .preprocessing)
        try container.encode(tenant, forKey: .tenant)
        try container.encode(lineage, forKey: .lineage)
        try container.encode(registry, forKey: .registry)
        try container.encode(formats, forKey: .formats)
        try container.encode(files, forKey: .files)
        try container.encode(producer, forKey: .producer)
    }
}
