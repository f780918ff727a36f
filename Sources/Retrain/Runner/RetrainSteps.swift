/// A model version the registry already holds for a run's idempotency key.
public struct ExistingVersion: Equatable, Sendable {
    /// `v3`.
    public let version: String
    /// True when the `production` alias points at it.
    public let isProduction: Bool
    /// Its stored hold-out metrics.
    public let metrics: [String: Double]

    public init(version: String, isProduction: Bool, metrics: [String: Double]) {
        self.version = version
        self.isProduction = isProduction
        self.metrics = metrics
    }
}

/// The work of each step of a run; `RetrainRunner` decides the order and what follows from each result.
///
/// Every method may throw; the runner turns the error into the run's `error` outcome and goes on with
/// the next run. Implementations must leave the registry and published bundles as they were, or fully
/// moved, whatever step fails.
public protocol RetrainSteps {
    /// One run's rows: the training window and the hold-out after it.
    associatedtype RunData
    /// A trained model that is not registered yet.
    associatedtype Candidate

    /// Loads the run's rows and splits off the hold-out; returns the data and its digest.
    func load(_ run: PlannedRun) throws -> (data: RunData, digest: String)
    /// The version already registered under `key`, if any.
    func existingVersion(_ run: PlannedRun, key: IdempotencyKey) throws -> ExistingVersion?
    /// Trains on the window minus the hold-out.
    func train(_ run: PlannedRun, on data: RunData) throws -> Candidate
    /// The candidate's metrics on the hold-out.
    func evaluate(_ candidate: Candidate, _ run: PlannedRun, on data: RunData) throws -> [String: Double]
    /// The production version's metrics on the same hold-out; nil when the model has no production version.
    /// Called after `evaluate` for a new candidate (an implementation may have measured both together there)
    /// and alone when a re-run reuses a registered version.
    func evaluateProduction(_ run: PlannedRun, on data: RunData) throws -> [String: Double]?
    /// Registers the candidate with its hold-out metrics and key; returns the version (`v3`).
    func register(_ candidate: Candidate, _ run: PlannedRun, metrics: [String: Double], key: IdempotencyKey) throws -> String
    /// Points `production` at `version` and publishes it.
    func promoteAndPublish(_ run: PlannedRun, version: String, reason: String) throws
    /// Publishes `version` when it is not the current publication yet; returns true when something moved.
    /// (A run killed between promotion and publication left it unpublished.)
    func publish(_ run: PlannedRun, version: String) throws -> Bool
    /// The metric key the false-alert gate reads for this run.
    func falseAlertsKey(_ run: PlannedRun) -> String
}
