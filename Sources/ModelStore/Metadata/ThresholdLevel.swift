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
