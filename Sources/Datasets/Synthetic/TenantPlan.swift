import NumericCore

/// Everything about one tenant that is decided before its first sample: its profile,
/// its incidents and its collector outages.
///
/// Goals, in order: deterministic → tenants independent → prefix-stable → small.
/// Every random choice comes from a stream named by (seed, tenant index, purpose,
/// index, week), never from another tenant's stream, so adding tenants leaves the
/// others unchanged. Incidents and outages are planned week by week from the
/// configured start and then clipped to the period, so a 7-day run is the first
/// week of a 14-day run with the same seed and interval.
struct TenantPlan: Sendable {
    let index: Int
    let name: String
    let profile: TenantProfile
    /// Sorted by start; windows never overlap, so each bucket has at most one incident.
    /// Empty when the configuration does not inject incidents.
    let incidents: [Incident]
    /// Sorted by start.
    let outages: [Outage]

    init(index: Int, configuration: SyntheticMetrics.Configuration) {
        self.index = index
        name = TenantPlan.name(ofTenant: index)
        var profileRandom = SeededRandom(
            seed: configuration.seed, stream: SyntheticStream.id(tenant: index, purpose: .profile))
        profile = TenantProfile(random: &profileRandom)
        let weeks = (configuration.days + 6) / 7
        var incidents: [Incident] = []
        for week in 0 ..< weeks {
            incidents += TenantPlan.incidents(
                tenant: index, name: name, week: week, configuration: configuration)
        }
        // Outages are planned around the incidents even when none is injected, so both runs share their gaps.
        self.incidents = configuration.injectsIncidents ? incidents : []
        var outages: [Outage] = []
        for (collectorIndex, collector) in SyntheticSeries.collectors.enumerated() {
            for week in 0 ..< weeks {
                outages += TenantPlan.outages(
                    tenant: index, collector: collector, collectorIndex: collectorIndex, week: week,
                    incidents: incidents, configuration: configuration)
            }
        }
        self.outages = outages.sorted { $0.start < $1.start }
    }

    /// `tenant-a` … `tenant-z`, then `tenant-aa`, `tenant-ab`, … (bijective base 26).
    static func name(ofTenant index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var remainder = index + 1
        var suffix: [Character] = []
        while remainder > 0 {
            remainder -= 1
            suffix.insert(letters[remainder % 26], at: 0)
            remainder /= 26
        }
        return "tenant-" + String(suffix)
    }

    private static let week: Int64 = 7 * 86_400

    private static func incidents(
        tenant: Int, name: String, week: Int, configuration: SyntheticMetrics.Configuration
    ) -> [Incident] {
        var random = SeededRandom(
            seed: configuration.seed, stream: SyntheticStream.id(tenant: tenant, purpose: .incidents, week: week))
        let weekStart = configuration.start + Int64(week) * TenantPlan.week
        let spikes = 1 + random.nextIndex(below: 3)
        let recipes = [IncidentRecipe.drift, .levelShift] + Array(repeating: IncidentRecipe.spike, count: spikes)
        // Half an hour apart at least, so a detector's window around one incident never holds another.
        let margin: Int64 = 1_800
        var placed: [Incident] = []
        for recipe in recipes {
            let target = recipe.targets[random.nextIndex(below: recipe.targets.count)]
            let severity = (target.scale * (0.8 + 0.5 * random.nextUnitDouble()) * 1_000).rounded() / 1_000
            let steps = Int((recipe.longest - recipe.shortest) / recipe.step)
            let duration = max(
                recipe.shortest + Int64(random.nextIndex(below: steps + 1)) * recipe.step,
                Int64(configuration.intervalSeconds))
            for _ in 0 ..< 32 {
                let start = weekStart + 60 * Int64(random.nextIndex(below: Int((TenantPlan.week - duration) / 60) + 1))
                let end = start + duration
                if placed.allSatisfy({ end + margin <= $0.start || $0.end + margin <= start }) {
                    placed.append(Incident(
                        tenant: name, collector: target.collector, metric: target.metric,
                        start: start, end: end, kind: recipe.kind, severity: severity))
                    break
                }
            }
        }
        return placed.compactMap { incident in
            guard incident.start < configuration.end else { return nil }
            var clipped = incident
            clipped.end = min(incident.end, configuration.end)
            return clipped
        }.sorted { $0.start < $1.start }
    }

    /// Whole-collector outages of 5 to 45 minutes, 0 to 2 a week, kept clear of the
    /// collector's incidents so no incident disappears into a gap.
    private static func outages(
        tenant: Int, collector: String, collectorIndex: Int, week: Int, incidents: [Incident],
        configuration: SyntheticMetrics.Configuration
    ) -> [Outage] {
        var random = SeededRandom(
            seed: configuration.seed,
            stream: SyntheticStream.id(tenant: tenant, purpose: .outages, index: collectorIndex, week: week))
        let weekStart = configuration.start + Int64(week) * TenantPlan.week
        let blocked = incidents.filter { $0.collector == collector }
        var placed: [Outage] = []
        for _ in 0 ..< random.nextIndex(below: 3) {
            let duration = max(Int64(5 + random.nextIndex(below: 41)) * 60, Int64(configuration.intervalSeconds))
            for _ in 0 ..< 16 {
                let start = weekStart + 60 * Int64(random.nextIndex(below: Int((TenantPlan.week - duration) / 60) + 1))
                let end = start + duration
                let clear = blocked.allSatisfy { end <= $0.start || $0.end <= start }
                    && placed.allSatisfy { end <= $0.start || $0.end <= start }
                if clear {
                    placed.append(Outage(collector: collector, start: start, end: min(end, configuration.end)))
                    break
                }
            }
        }
        return placed.filter { $0.start < configuration.end }
    }
}

/// A window `[start, end)` during which one collector of a tenant reports nothing.
struct Outage: Sendable, Equatable {
    let collector: String
    let start: Int64
    let end: Int64
}

/// How one kind of incident is drawn: its duration range and the series it may hit.
struct IncidentRecipe {
    struct Target {
        let collector: String
        let metric: String?
        /// Multiplies the drawn severity (0.8 to 1.3); negative lowers the metric.
        let scale: Double
    }

    let kind: String
    let shortest: Int64
    let longest: Int64
    let step: Int64
    let targets: [Target]

    /// Minutes: a burst of cpu, errors, traffic or connections.
    static let spike = IncidentRecipe(
        kind: "spike", shortest: 180, longest: 900, step: 60,
        targets: [
            Target(collector: "system_performance", metric: "cpu_usage_percent", scale: 1),
            Target(collector: "api_gateway", metric: "error_rate_percent", scale: 1),
            Target(collector: "system_performance", metric: "network_transmit_bytes_per_second", scale: 1),
            Target(collector: "database", metric: "active_connections", scale: 1),
            Target(collector: "api_gateway", metric: nil, scale: 1),
        ])

    /// Hours: a bad deploy slowing requests or queries, heavier writes, or lost traffic.
    static let levelShift = IncidentRecipe(
        kind: "level_shift", shortest: 3_600, longest: 6 * 3_600, step: 900,
        targets: [
            Target(collector: "api_gateway", metric: "request_latency_seconds_p95", scale: 1),
            Target(collector: "database", metric: "query_latency_seconds_p95", scale: 1),
            Target(collector: "system_performance", metric: "disk_io_write_bytes_per_second", scale: 1),
            Target(collector: "api_gateway", metric: "requests_per_second", scale: -0.35),
            Target(collector: "database", metric: nil, scale: 1),
        ])

    /// About a day: a memory leak, a table growing without an index, a runaway read job.
    static let drift = IncidentRecipe(
        kind: "drift", shortest: 12 * 3_600, longest: 24 * 3_600, step: 1_800,
        targets: [
            Target(collector: "system_performance", metric: "memory_usage_percent", scale: 1),
            Target(collector: "database", metric: "query_latency_seconds_p95", scale: 1),
            Target(collector: "system_performance", metric: "disk_io_read_bytes_per_second", scale: 1),
        ])
}

/// Names of the independent random streams; a stream id packs (tenant, purpose, index, week).
enum SyntheticStream {
    enum Purpose: UInt64 {
        case profile = 1, load, noise, incidents, outages
    }

    static func id(tenant: Int, purpose: Purpose, index: Int = 0, week: Int = 0) -> UInt64 {
        UInt64(tenant) << 40 | purpose.rawValue << 32 | UInt64(index) << 16 | UInt64(week)
    }
}
