/// What is published for one model in a directory or database, and whether it checks out.
public struct PublicationStatus: Sendable, Equatable, Codable {
    /// The model name.
    public var name: String
    /// The current pointer; nil when nothing is published.
    public var current: PublicationPointer?
    /// The previous pointer, the target of `rollback`; nil when there is none.
    public var previous: PublicationPointer?
    /// Whether the current bundle's manifest hash and every file hash match.
    public var verified: Bool
    /// Sentences naming each problem found; empty when verified.
    public var problems: [String]
    /// The level and value raising `is_anomaly` in the current bundle, e.g. `warn 0.62`; nil when none.
    public var anomalyRule: String?

    /// A status.
    public init(name: String, current: PublicationPointer?, previous: PublicationPointer?, verified: Bool,
                problems: [String], anomalyRule: String?) {
        self.name = name
        self.current = current
        self.previous = previous
        self.verified = verified
        self.problems = problems
        self.anomalyRule = anomalyRule
    }

    enum CodingKeys: String, CodingKey {
        case name, current, previous, verified, problems
        case anomalyRule = "anomaly_rule"
    }
}

/// What a publish or rollback did.
public struct PublicationOutcome: Sendable, Equatable {
    /// Whether the current pointer moved.
    public var changed: Bool
    /// The version current before; nil for the first publication.
    public var from: Int?
    /// The version current after.
    public var to: Int
    /// The current manifest's SHA-256.
    public var manifestSHA256: String
    /// Whether the bundle folder already existed with the same content (publish only).
    public var reusedBundle: Bool

    /// An outcome.
    public init(changed: Bool, from: Int?, to: Int, manifestSHA256: String, reusedBundle: Bool) {
        self.changed = changed
        self.from = from
        self.to = to
        self.manifestSHA256 = manifestSHA256
        self.reusedBundle = reusedBundle
    }
}
