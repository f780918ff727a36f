/// An injected anomaly: one tenant's collector (or one of its metrics) behaves abnormally over `[start, end)`.
///
/// The generator records every incident it injects, so detectors can be scored
/// against exact labels. An incident changes only the series it targets:
/// correlations (latency following cpu) are computed from the values before the
/// incident, so no untargeted series moves and labels stay exact.
public struct Incident: Sendable, Equatable {
    /// The tenant id, e.g. `tenant-b`.
    public var tenant: String
    /// The collector whose series are affected.
    public var collector: String
    /// The affected metric; `nil` means every metric of `collector`.
    public var metric: String?
    /// First affected second (epoch seconds UTC), inclusive.
    public var start: Int64
    /// First unaffected second (epoch seconds UTC), exclusive; clipped to the generated period.
    public var end: Int64
    /// `spike` (minutes), `level_shift` (hours) or `drift` (a ramp over about a day).
    public var kind: String
    /// The strength at full effect, as a multiple of each target metric's shock size
    /// (see `SyntheticSeries.shock`); negative values lower the metric.
    public var severity: Double

    /// An incident with every field given.
    public init(
        tenant: String, collector: String, metric: String?, start: Int64, end: Int64, kind: String,
        severity: Double
    ) {
        self.tenant = tenant
        self.collector = collector
        self.metric = metric
        self.start = start
        self.end = end
        self.kind = kind
        self.severity = severity
    }

    /// True when the incident is active at `timestamp`.
    public func isActive(at timestamp: Int64) -> Bool {
        start <= timestamp && timestamp < end
    }

    /// True when the incident targets the series `collector`/`metric`.
    public func targets(collector: String, metric: String) -> Bool {
        self.collector == collector && (self.metric == nil || self.metric == metric)
    }

    /// The incident kinds, in the order their effects last: minutes, hours, a day.
    public static let kinds = ["spike", "level_shift", "drift"]
}
