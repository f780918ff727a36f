/// How one tenant × model run ended.
public struct RunOutcome: Equatable, Sendable, Encodable {
    /// The kinds of ending.
    public enum Kind: String, Sendable, Encodable {
        /// The candidate passed every gate: registered, promoted to production, published.
        case promoted
        /// Production stays: the candidate was registered but is not better (or `reason` says why).
        case kept
        /// A gate rejected the candidate; `reason` names the metric and both values.
        case gateFailed = "gate_failed"
        /// The same data, parameters and code produced an existing version: nothing new registered.
        case reused
        /// The run failed; `reason` is the one-line error.
        case error
        /// `--dry-run`: what would run.
        case planned
    }

    public let tenant: String?
    public let model: String
    public let outcome: Kind
    /// The registry version (`v3`) the run produced or reused; nil when none.
    public let version: String?
    /// Hold-out metrics of the candidate, by key.
    public let metrics: [String: Double]
    public let reason: String?

    public init(tenant: String?, model: String, outcome: Kind, version: String? = nil,
                metrics: [String: Double] = [:], reason: String? = nil) {
        self.tenant = tenant
        self.model = model
        self.outcome = outcome
        self.version = version
        self.metrics = metrics
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey { case tenant, model, outcome, version, metrics, reason }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tenant, forKey: .tenant)
        try container.encode(model, forKey: .model)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(version, forKey: .version)
        try container.encode(metrics, forKey: .metrics)
        try container.encode(reason, forKey: .reason)
    }
}
