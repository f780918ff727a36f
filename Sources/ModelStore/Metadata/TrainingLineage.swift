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

    /// Lineage for a training run.
    public init(
        source: String, query: String? = nil, windowStart: String? = nil, windowEnd: String? = nil,
        tenant: String? = nil, target: String? = nil, datasetSHA256: String, rows: Int
    ) {
        self.source = source
        self.query = query
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.tenant = tenant
        self.target = target
        self.datasetSHA256 = datasetSHA256
        self.rows = rows
    }

    enum CodingKeys: String, CodingKey {
        case source, query, tenant, target, rows
        case windowStart = "window_start"
        case windowEnd = "window_end"
        case datasetSHA256 = "dataset_sha256"
    }
}

/// One operational alert level on a model's output, e.g. warn at anomaly score 0.6.
public struct ThresholdLevel: Sendable, Equatable, Codable {
    /// The level's name, e.g. `warn`, `critical`.
    public var name: String
    /// The threshold value on `score`'s scale.
    public var value: Double
    /// The output it applies to, e.g. `anomaly_score` or `probability_incident`.
    public var score: String
    /// `above` (fire when score ≥ value) or `below` (fire when score < value).
    public var direction: String
    /// How the value was chosen, e.g. `contamination 0.01`, `f1-optimal`.
    public var rule: String?

    /// A level; `direction` defaults to `above` since anomaly scores grow with abnormality.
    public init(name: String, value: Double, score: String, direction: String = "above", rule: String? = nil) {
        self.name = name
        self.value = value
        self.score = score
        self.direction = direction
        self.rule = rule
    }
}
