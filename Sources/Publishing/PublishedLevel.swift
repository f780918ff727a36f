/// One alert level as a bundle publishes it: fire when the score reaches `value`.
public struct PublishedLevel: Sendable, Equatable, Codable {
    /// The level's name, e.g. `warn`.
    public var name: String
    /// The threshold on `score`'s scale.
    public var value: Double
    /// The output it applies to, e.g. `anomaly_score`.
    public var score: String
    /// `above` (alert when score >= value) or `below` (alert when score < value).
    public var direction: String
    /// How the value was chosen, e.g. `contamination 0.01`; nil when unknown.
    public var rule: String?

    /// A level.
    public init(name: String, value: Double, score: String, direction: String = "above", rule: String? = nil) {
        self.name = name
        self.value = value
        self.score = score
        self.direction = direction
        self.rule = rule
    }

    /// The comparison in words, e.g. `score >= value`.
    public var alertWhen: String {
        direction == "below" ? "score < value" : "score >= value"
    }

    /// Whether `score` reaches this level.
    public func fires(_ score: Double) -> Bool {
        direction == "below" ? score < value : score >= value
    }
}
