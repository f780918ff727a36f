/// One named level on a model's output, e.g. warn at anomaly score 0.6: the one threshold type.
///
/// The rule everywhere (Workbench, the Python loader, Evaluation's `Thresholds`) is
/// **a row reaches a level when `score ≥ value`** (direction `above`), the convention of
/// scikit-learn's `roc_curve` and `precision_recall_curve`. Levels are stored once per model,
/// in its metadata (model file `metadata_json` and the registry index).
public struct ThresholdLevel: Sendable, Equatable, Codable {
    /// What a level is for.
    public enum Purpose: String, Sendable, Equatable, Codable {
        /// Applied by `predict`: a detector flags a row (`is_anomaly`) when it reaches any alert
        /// level, and reports the highest alert level it reaches (`level`).
        case alert
        /// An operating point measured on labelled data (e.g. F1-optimal), reported but not applied.
        case reference
    }

    /// The level's name, e.g. `warn`, `critical`.
    public var name: String
    /// The threshold value on `score`'s scale.
    public var value: Double
    /// The output it applies to, e.g. `anomaly_score` or `probability_incident`.
    public var score: String
    /// `above` (reached when score ≥ value) or `below` (reached when score ≤ value).
    public var direction: String
    /// How the value was chosen, e.g. `contamination 0.01`, `f1-optimal`.
    public var rule: String?
    /// Whether `predict` applies the level; default `.alert`.
    public var purpose: Purpose

    /// A level; `direction` defaults to `above` since anomaly scores grow with abnormality.
    public init(
        name: String, value: Double, score: String, direction: String = "above", rule: String? = nil,
        purpose: Purpose = .alert
    ) {
        self.name = name
        self.value = value
        self.score = score
        self.direction = direction
        self.rule = rule
        self.purpose = purpose
    }

    /// Whether `score` reaches this level: `score ≥ value` (above) or `score ≤ value` (below).
    public func isReached(by score: Double) -> Bool {
        direction == "below" ? score <= value : score >= value
    }

    enum CodingKeys: String, CodingKey {
        case name, value, score, direction, rule, purpose
    }

    /// Decodes a level; `purpose` is optional in JSON and defaults to `alert`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        value = try container.decode(Double.self, forKey: .value)
        score = try container.decode(String.self, forKey: .score)
        direction = try container.decode(String.self, forKey: .direction)
        rule = try container.decodeIfPresent(String.self, forKey: .rule)
        purpose = try container.decodeIfPresent(Purpose.self, forKey: .purpose) ?? .alert
    }
}

extension Array where Element == ThresholdLevel {
    /// The alert levels on output `output`, by ascending value (equal values keep their order).
    /// - Complexity: O(levels log levels).
    public func alertLevels(on output: String = "anomaly_score") -> [ThresholdLevel] {
        enumerated()
            .filter { $0.element.purpose == .alert && $0.element.direction == "above" && $0.element.score == output }
            .sorted { ($0.element.value, $0.offset) < ($1.element.value, $1.offset) }
            .map(\.element)
    }

    /// The alert level with the highest value among those `score` reaches on output `output`
    /// (of equal values, the one listed last), or nil when it reaches none; a detector flags
    /// the row exactly when this is non-nil.
    public func highestAlert(reachedBy score: Double, on output: String = "anomaly_score") -> ThresholdLevel? {
        alertLevels(on: output).last { $0.isReached(by: score) }
    }
}
