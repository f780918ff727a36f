/// Everything recorded about a trained model besides its trees: what, from which data, how good, by whom.
///
/// Stored twice: as JSON in the model file's root attribute `metadata_json`
/// (so a file carries its own lineage) and in the registry index (so `list`,
/// `show` and `diff` need not open HDF5 files). JSON keys are snake_case for
/// Python readers. `name`, `version` and `parentVersion` are set by the
/// registry when it registers the model; a file saved outside a registry has
/// them nil.
public struct ModelMetadata: Sendable, Equatable, Codable {
    /// The registered model name; nil outside a registry.
    public var name: String?
    /// The version number within `name` (1, 2, …); nil outside a registry.
    public var version: Int?
    /// The latest version of `name` when this one was registered; nil for the first.
    public var parentVersion: Int?
    /// The algorithm.
    public var algorithm: ModelAlgorithm
    /// Hyperparameters with their effective values (defaults resolved), including the seed.
    public var hyperparameters: [String: JSONValue]
    /// Feature names in model column order; inputs are matched to them by name.
    public var features: [String]
    /// How raw inputs become features, e.g. `{"input_dtype": "float32", "missing": "NaN"}`.
    public var preprocessing: [String: JSONValue]
    /// The feature spec the model was trained with (the `Features` library's canonical JSON, as an object),
    /// with its time and group columns as used and the training target and `--exclude` columns in its
    /// `exclude`; scoring applies it to raw rows before matching `features`. Nil (key absent) when the
    /// features are raw columns.
    public var featureSpec: JSONValue?
    /// The training data.
    public var lineage: TrainingLineage
    /// Evaluation metrics by name, each named for how it was measured: `oob_…` out of bag, `validation_…`
    /// on held-out rows (see `validation`), unprefixed detector metrics on the training rows.
    public var metrics: [String: Double]
    /// How the `validation_…` metrics were measured; nil when `train` ran without `--validation`.
    public var validation: ValidationRecord?
    /// What a forecasting model forecasts (`train --horizon`); nil for a model of the same row.
    public var forecast: ForecastRecord?
    /// The metric `models list` shows; nil picks the first of a preferred list present in `metrics`.
    public var keyMetric: String?
    /// Operational alert levels.
    public var thresholds: [ThresholdLevel]
    /// Workbench version that trained the model.
    public var workbenchVersion: String
    /// Git commit of the training code when known (env `WORKBENCH_GIT_COMMIT` or `git rev-parse HEAD`).
    public var gitCommit: String?
    /// Creation time, ISO 8601 UTC with seconds, e.g. `2026-11-25T02:41:07Z`.
    public var createdUTC: String
    /// Host that trained the model.
    public var host: String
    /// User that trained the model.
    public var user: String
    /// Wall-clock training time in seconds.
    public var trainingSeconds: Double

    /// Metadata for a freshly trained model; `createdUTC`, `host`, `user` and
    /// `gitCommit` default to the current time and environment.
    public init(
        algorithm: ModelAlgorithm, hyperparameters: [String: JSONValue], features: [String],
        preprocessing: [String: JSONValue] = ["input_dtype": "float32", "missing": "NaN"],
        lineage: TrainingLineage, metrics: [String: Double] = [:], keyMetric: String? = nil,
        thresholds: [ThresholdLevel] = [], workbenchVersion: String,
        gitCommit: String? = TrainingEnvironment.gitCommit(),
        createdUTC: String = TrainingEnvironment.nowUTC(), host: String = TrainingEnvironment.host(),
        user: String = TrainingEnvironment.user(), trainingSeconds: Double
    ) {
        self.algorithm = algorithm
        self.hyperparameters = hyperparameters
        self.features = features
        self.preprocessing = preprocessing
        self.lineage = lineage
        self.metrics = metrics
        self.keyMetric = keyMetric
        self.thresholds = thresholds
        self.workbenchVersion = workbenchVersion
        self.gitCommit = gitCommit
        self.createdUTC = createdUTC
        self.host = host
        self.user = user
        self.trainingSeconds = trainingSeconds
    }

    /// Metrics `models list` falls back to, in order, when `keyMetric` is nil.
    public static let preferredMetrics = [
        "roc_auc", "pr_auc", "oob_accuracy", "accuracy", "oob_r2", "r2", "f1", "oob_score",
    ]

    /// The metric to headline: `keyMetric`, else the first preferred metric present, else the first by name.
    public var headlineMetric: (name: String, value: Double)? {
        let name = keyMetric.flatMap { metrics[$0] != nil ? $0 : nil }
            ?? Self.preferredMetrics.first { metrics[$0] != nil }
            ?? metrics.keys.sorted().first
        return name.map { ($0, metrics[$0]!) }
    }

    enum CodingKeys: String, CodingKey {
        case name, version, algorithm, hyperparameters, features, preprocessing, lineage, metrics, thresholds, validation, forecast
        case featureSpec = "feature_spec"
        case host, user
        case parentVersion = "parent_version"
        case keyMetric = "key_metric"
        case workbenchVersion = "workbench_version"
        case gitCommit = "git_commit"
        case createdUTC = "created_utc"
        case trainingSeconds = "training_seconds"
    }
}
