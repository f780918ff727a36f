/// Where a model's training data came from, precisely enough to tell whether a rerun saw the same data.
///
/// `datasetSHA256` is a full-content hash (not a sample, unlike MLflow's
/// 8-character digest): SHA-256 of the training feature matrix as row-major
/// little-endian float32 in `ModelMetadata.features` order (`Digest.sha256Hex(of:)`).
public struct TrainingLineage: Sendable, Equatable, Codable {
    /// The input: a file path, or a query's name for database pulls.
    public var source: String
    /// The SQL text or query name for database pulls; nil for files.
    public var query: String?
    /// Start of the data window (ISO 8601 UTC), inclusive; nil for files.
    public var windowStart: String?
    /// End of the data window (ISO 8601 UTC), exclusive; nil for files.
    public var windowEnd: String?
    /// The tenant the data belongs to; nil when not tenant-scoped.
    public var tenant: String?
    /// The target column, for supervised models (and for evaluation of anomaly detectors).
    public var target: String?
    /// SHA-256 of the training feature matrix (see the type's discussion).
    public var datasetSHA256: String
    /// Number of training rows.
    public var rows: Int
    /// What makes a retraining run the same as an earlier one (SHA-256 of data, model entry, hold-out, seed and
    /// code, see `Retrain.IdempotencyKey`); nil outside the nightly job.
    public var idempotencyKey: String?

    /// Lineage for a training run.
    public init(
        source: String, query: String? = nil, windowStart: String? = nil, windowEnd: String? = nil,
        tenant: String? = nil, target: String? = nil, datasetSHA256: String, rows: Int, idempotencyKey: String? = nil
    ) {
        self.source = source
        self.query = query
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.tenant = tenant
        self.target = target
        self.datasetSHA256 = datasetSHA256
        self.rows = rows
        self.idempotencyKey = idempotencyKey
    }

    enum CodingKeys: String, CodingKey {
        case source, query, tenant, target, rows
        case windowStart = "window_start"
        case windowEnd = "window_end"
        case datasetSHA256 = "dataset_sha256"
        case idempotencyKey = "idempotency_key"
    }
}
