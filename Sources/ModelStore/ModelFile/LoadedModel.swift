import NumericCore

/// A model read from a file, with what the file records about it.
public struct LoadedModel: Sendable {
    /// The model.
    public let model: TrainedModel
    /// Its metadata (lineage, parameters, metrics, registry name and version when registered).
    public let metadata: ModelMetadata
    /// The file's verified `content_sha256`.
    public let contentSHA256: String
    /// The typical input rows stored with the self-test vectors; nil when the file has none.
    public let selfTestSamples: Matrix<Float>?
    /// The file's format version as `major.minor` (`3.0` for files written now, `2.0` for older ones).
    public let formatVersion: String
}
