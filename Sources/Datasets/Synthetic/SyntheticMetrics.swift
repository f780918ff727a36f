/// A deterministic, realistic multi-tenant data set of collector metrics, with labelled incidents.
///
/// Every tenant reports the series of `SyntheticSeries.catalog` (host cpu, memory,
/// disk and network I/O, API request rate, latency and errors, database cpu,
/// connections and query latency) every `intervalSeconds`. Values show daily and
/// weekly seasonality, a slow per-tenant trend, tenant-specific scale, autocorrelated
/// noise, correlations (latency rises with cpu) and realistic bounds. Gaps are real:
/// whole-collector outages of minutes and randomly dropped samples. Spikes, level
/// shifts and drifts are injected a few times per tenant per week and listed in
/// `incidents`.
///
/// The same configuration always yields the same samples, bit for bit, on a given
/// platform; one tenant's samples never depend on how many other tenants are generated,
/// and a shorter period is a prefix of a longer one.
public struct SyntheticMetrics: Sendable {
    /// The validated configuration this generator follows.
    public let configuration: Configuration
    let plans: [TenantPlan]

    /// A generator for `configuration`.
    ///
    /// Stops the program on an invalid configuration; call `Configuration.validated()`
    /// first when the values come from a user.
    /// - Complexity: O(tenants × weeks) to plan incidents and outages; no sample is made yet.
    public init(configuration: Configuration) {
        do {
            self.configuration = try configuration.validated()
        } catch {
            preconditionFailure("SyntheticMetrics needs a valid configuration: \(error)")
        }
        plans = (0 ..< configuration.tenants).map { TenantPlan(index: $0, configuration: configuration) }
    }

    /// The tenant ids, in generation order: `tenant-a`, `tenant-b`, ….
    public var tenants: [String] { plans.map(\.name) }

    /// Every injected incident, ordered by tenant then start. Windows of one tenant never overlap.
    /// An incident that begins near the end of the period keeps its planned end, which may lie
    /// beyond the period, so that shorter runs stay prefixes of longer ones.
    public var incidents: [Incident] { plans.flatMap(\.incidents) }

    /// Calls `body` with every sample, ordered by tenant (generation order), timestamp,
    /// collector and metric (catalog order, which is alphabetical). Missing samples are skipped.
    /// - Complexity: O(tenants × buckets × series) time, O(series + incidents) memory.
    public func forEachSample(_ body: (MetricSample) throws -> Void) rethrows {
        let catalog = SyntheticSeries.catalog
        try forEachBucket { tenant, bucket in
            for i in catalog.indices where !bucket.values[i].isNaN {
                try body(MetricSample(
                    timestamp: bucket.timestamp, tenant: tenant.name, collector: catalog[i].collector,
                    metric: catalog[i].metric, value: bucket.values[i]))
            }
        }
    }

    /// Calls `body` with every bucket of every tenant, in tenant then time order.
    func forEachBucket<E: Error>(_ body: (TenantPlan, SyntheticBucket) throws(E) -> Void) throws(E) {
        var bucket = SyntheticBucket()
        for plan in plans {
            var simulation = TenantSimulation(plan: plan, configuration: configuration)
            while !simulation.isFinished {
                simulation.advance(into: &bucket)
                try body(plan, bucket)
            }
        }
    }
}
