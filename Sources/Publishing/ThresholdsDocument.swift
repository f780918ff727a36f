/// The content of a bundle's `thresholds.json`: alert levels per scope and the one that raises `is_anomaly`.
///
/// Deterministic (no timestamps), so republishing the same model with the same choice gives the same bytes.
/// Today a model is trained per registry name, so there is one scope whose tenant is the lineage's (or null);
/// `group`, `collector` and `metric` are null, meaning "any". Per-series models will add scopes.
public struct ThresholdsDocument: Sendable, Equatable, Codable {
    /// The level that raises `is_anomaly`, or a literal value the publisher chose.
    public struct AnomalyRule: Sendable, Equatable, Codable {
        /// The level's name, or `value` for a literal threshold.
        public var level: String
        /// The threshold.
        public var value: Double
        /// The score it applies to.
        public var score: String
        /// `above` or `below`.
        public var direction: String
        /// The comparison in words, e.g. `score >= value`.
        public var alertWhen: String

        enum CodingKeys: String, CodingKey {
            case level, value, score, direction
            case alertWhen = "alert_when"
        }
    }

    /// The series a set of levels applies to; nil fields match anything.
    public struct Scope: Sendable, Equatable, Codable {
        /// The tenant, when the model's lineage names one.
        public var tenant: String?
        /// The series group (e.g. a host group), for per-series models.
        public var group: String?
        /// The collector, for per-series models.
        public var collector: String?
        /// The metric, for per-series models.
        public var metric: String?
        /// The levels, ascending by value.
        public var levels: [PublishedLevel]
        /// What raises `is_anomaly`; nil when nothing does (e.g. a regressor published without `--threshold`).
        public var isAnomaly: AnomalyRule?

        enum CodingKeys: String, CodingKey {
            case tenant, group, collector, metric, levels
            case isAnomaly = "is_anomaly"
        }

        /// Always writes every key, null included, so readers see the full shape.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(tenant, forKey: .tenant)
            try container.encode(group, forKey: .group)
            try container.encode(collector, forKey: .collector)
            try container.encode(metric, forKey: .metric)
            try container.encode(levels, forKey: .levels)
            try container.encode(isAnomaly, forKey: .isAnomaly)
        }
    }

    /// `workbench-thresholds`.
    public var format = "workbench-thresholds"
    /// Incremented on incompatible changes.
    public var formatVersion = 1
    /// The model name.
    public var model: String
    /// The model version.
    public var version: Int
    /// The score the levels apply to, e.g. `anomaly_score`; nil for a model without levels.
    public var score: String?
    /// The score's range and meaning.
    public var scale: String?
    /// `above` or `below`.
    public var direction: String
    /// The comparison in words.
    public var alertWhen: String
    /// The scopes; one today.
    public var scopes: [Scope]

    enum CodingKeys: String, CodingKey {
        case format, model, version, score, scale, direction, scopes
        case formatVersion = "format_version"
        case alertWhen = "alert_when"
    }

    /// Writes every key, null included.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(model, forKey: .model)
        try container.encode(version, forKey: .version)
        try container.encode(score, forKey: .score)
        try container.encode(scale, forKey: .scale)
        try container.encode(direction, forKey: .direction)
        try container.encode(alertWhen, forKey: .alertWhen)
        try container.encode(scopes, forKey: .scopes)
    }

    /// The meaning of a score's values, for people reading the file.
    static func scale(of score: String) -> String {
        if score == "anomaly_score" {
            return "0..1, Isolation Forest anomaly score (Liu, Ting & Zhou 2008): near 1 anomalous, "
                + "at or below 0.5 no distinct anomaly"
        }
        if score.hasPrefix("probability_") { return "0..1, predicted class probability" }
        return "the target's units"
    }
}
