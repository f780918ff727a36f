#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NumericCore

/// The value model of one tenant, stepped bucket by bucket.
///
/// Goals, in order: deterministic → tenants independent → bounded memory → fast.
/// Every series owns a random stream and draws exactly three numbers per bucket
/// (an autocorrelated innovation, white noise, a drop decision) whether or not the
/// sample is kept, so gaps never shift later values. State is O(series); incidents
/// and outages are read through cursors because both lists are sorted by start.
///
/// A value is: tenant load (daily and weekly seasonality × slow trend × shared
/// autocorrelated noise) → the series' response to load and to its upstream series
/// (latency follows cpu) → its own noise → the active incident's effect → bounds →
/// rounding to the series' decimals.
struct TenantSimulation {
    let plan: TenantPlan
    private let configuration: SyntheticMetrics.Configuration
    private var loadRandom: SeededRandom
    private var loadNoise = 0.0
    private var seriesRandom: [SeededRandom]
    private var seriesNoise: [Double]
    private let loadPersistence: Double
    private let seriesPersistence: [Double]
    private var bucket = 0
    private var incidentCursor = 0
    private var outageCursor = 0

    /// Probability that one sample is dropped on its way to the database.
    static let dropProbability = 0.002

    /// Seconds over which each series' own noise decorrelates, in catalog order.
    private static let noiseTimeConstants: [Double] = [
        300, 600, 300, 600, 300, 600, 300, 600, 600, 1_800, 300, 300,
    ]

    init(plan: TenantPlan, configuration: SyntheticMetrics.Configuration) {
        self.plan = plan
        self.configuration = configuration
        let seed = configuration.seed
        loadRandom = SeededRandom(seed: seed, stream: SyntheticStream.id(tenant: plan.index, purpose: .load))
        seriesRandom = SyntheticSeries.catalog.indices.map {
            SeededRandom(seed: seed, stream: SyntheticStream.id(tenant: plan.index, purpose: .noise, index: $0))
        }
        seriesNoise = Array(repeating: 0, count: SyntheticSeries.catalog.count)
        let interval = Double(configuration.intervalSeconds)
        loadPersistence = exp(-interval / 1_800)
        seriesPersistence = Self.noiseTimeConstants.map { exp(-interval / $0) }
    }

    /// True once every bucket of the period has been produced.
    var isFinished: Bool { bucket >= configuration.bucketCount }

    /// Fills `output` with the next bucket: timestamp, values (NaN where missing) and the active incident.
    mutating func advance(into output: inout SyntheticBucket) {
        let timestamp = configuration.start + Int64(bucket) * Int64(configuration.intervalSeconds)
        output.timestamp = timestamp
        let white = drawNoise()
        let clean = cleanValues(at: timestamp, white: white.white)
        let incident = activeIncident(at: timestamp)
        output.incident = incident
        let catalog = SyntheticSeries.catalog
        for i in catalog.indices {
            let series = catalog[i]
            var value = clean[i]
            output.affected[i] = false
            if let incident, plan.incidents[incident].targets(collector: series.collector, metric: series.metric) {
                output.affected[i] = true
                value = Self.apply(plan.incidents[incident], to: value, of: series, at: timestamp)
            }
            let scale = Self.powersOfTen[series.decimals]
            value = (min(max(value, series.minimum), series.maximum) * scale).rounded() / scale + 0
            output.values[i] = white.dropped[i] || isInOutage(series.collector, at: timestamp) ? .nan : value
        }
        bucket += 1
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000]

    /// Advances every noise state by one bucket, always with the same number of draws.
    private mutating func drawNoise() -> (white: [Double], dropped: [Bool]) {
        let first = bucket == 0
        let z = loadRandom.nextGaussian()
        loadNoise = first ? z : loadPersistence * loadNoise + (1 - loadPersistence * loadPersistence).squareRoot() * z
        var white = [Double](repeating: 0, count: seriesRandom.count)
        var dropped = [Bool](repeating: false, count: seriesRandom.count)
        for i in seriesRandom.indices {
            let innovation = seriesRandom[i].nextGaussian()
            let phi = seriesPersistence[i]
            seriesNoise[i] = first ? innovation : phi * seriesNoise[i] + (1 - phi * phi).squareRoot() * innovation
            white[i] = seriesRandom[i].nextGaussian()
            dropped[i] = seriesRandom[i].nextUnitDouble() < Self.dropProbability
        }
        return (white, dropped)
    }

    /// The series values before incidents, bounds and rounding, in catalog order.
    private func cleanValues(at timestamp: Int64, white w: [Double]) -> [Double] {
        let p = plan.profile
        let e = seriesNoise
        let local = Double(timestamp) + p.phaseHours * 3_600
        let hour = Self.remainder(local, 86_400) / 3_600
        let weekday = Int(Self.remainder((local / 86_400).rounded(.down) + 3, 7))  // Monday = 0
        let weekly = weekday == 5 ? 0.65 : weekday == 6 ? 0.55 : 1
        let daily = 0.5 - 0.5 * cos(2 * .pi * (hour - 3) / 24)
        let weeks = Double(timestamp - configuration.start) / (7 * 86_400)
        let trend = max(0.2, 1 + p.weeklyGrowth * weeks)
        let load = trend * weekly * (0.15 + 0.85 * daily) * exp(0.06 * loadNoise)
        // Days since the weekly restart on Sunday 02:00 tenant time (1970-01-04 was a Sunday).
        let daysSinceRestart = Self.remainder(local - (3 * 86_400 + 7_200), 7 * 86_400) / 86_400
        let backup = hour >= 1 && hour < 1.5 ? p.size * 35e6 : 0

        var v = [Double](repeating: 0, count: SyntheticSeries.catalog.count)
        typealias S = SeriesIndex
        v[S.hostCPU] = p.hostCPUIdle + p.hostCPUGain * load + 2.5 * e[S.hostCPU] + w[S.hostCPU]
        v[S.databaseCPU] = 4 + p.databaseCPUGain * load + 2 * e[S.databaseCPU] + w[S.databaseCPU]
        v[S.memory] = p.memoryBase + 8 * load + 1.3 * daysSinceRestart + 0.6 * e[S.memory] + 0.2 * w[S.memory]
        v[S.diskRead] = p.size * (1.5e6 + 12e6 * load) * exp(0.15 * e[S.diskRead] + 0.1 * w[S.diskRead]) + backup
        v[S.diskWrite] = p.size * (0.8e6 + 6e6 * load) * exp(0.2 * e[S.diskWrite] + 0.1 * w[S.diskWrite])
        v[S.networkReceive] = p.size * (0.3e6 + 18e6 * load)
            * exp(0.1 * e[S.networkReceive] + 0.05 * w[S.networkReceive])
        v[S.networkTransmit] = p.size * (0.5e6 + 30e6 * load)
            * exp(0.1 * e[S.networkTransmit] + 0.05 * w[S.networkTransmit])
        v[S.requestRate] = p.size * (2 + 250 * load) * exp(0.08 * e[S.requestRate] + 0.04 * w[S.requestRate])
        let hostCPU = min(max(v[S.hostCPU], 0), 100) / 100
        v[S.requestLatency] = p.requestLatencyBase * (1 + 2.5 * hostCPU * hostCPU * hostCPU)
            * exp(0.1 * e[S.requestLatency] + 0.05 * w[S.requestLatency])
        v[S.errorRate] = 0.05 + 0.4 * max(0, v[S.requestLatency] / p.requestLatencyBase - 1)
            + 0.02 * e[S.errorRate] + 0.03 * abs(w[S.errorRate])
        v[S.databaseConnections] = p.size.squareRoot() * (8 + 90 * load)
            + 3 * e[S.databaseConnections] + w[S.databaseConnections]
        let databaseCPU = min(max(v[S.databaseCPU], 0), 100) / 100
        v[S.queryLatency] = p.queryLatencyBase * (1 + 4 * databaseCPU * databaseCPU)
            * exp(0.15 * e[S.queryLatency] + 0.05 * w[S.queryLatency])
        return v
    }

    /// A percent metric moves by `severity × shock` points, any other by a factor `1 + severity × shock`;
    /// a drift reaches that effect linearly over its window.
    private static func apply(_ incident: Incident, to value: Double, of series: SyntheticSeries, at timestamp: Int64) -> Double {
        let ramp = incident.kind == "drift"
            ? Double(timestamp - incident.start) / Double(incident.end - incident.start) : 1
        let effect = incident.severity * series.shock * ramp
        return series.isPercent ? value + effect : value * max(0, 1 + effect)
    }

    /// The index in `plan.incidents` of the incident active at `timestamp`; timestamps only grow.
    private mutating func activeIncident(at timestamp: Int64) -> Int? {
        let incidents = plan.incidents
        while incidentCursor < incidents.count, incidents[incidentCursor].end <= timestamp {
            incidentCursor += 1
        }
        guard incidentCursor < incidents.count, incidents[incidentCursor].start <= timestamp else { return nil }
        return incidentCursor
    }

    private mutating func isInOutage(_ collector: String, at timestamp: Int64) -> Bool {
        let outages = plan.outages
        while outageCursor < outages.count, outages[outageCursor].end <= timestamp {
            outageCursor += 1
        }
        var i = outageCursor
        while i < outages.count, outages[i].start <= timestamp {
            if outages[i].collector == collector, timestamp < outages[i].end { return true }
            i += 1
        }
        return false
    }

    /// `x` modulo `m` in `[0, m)`, also for negative `x`.
    private static func remainder(_ x: Double, _ m: Double) -> Double {
        let r = x.truncatingRemainder(dividingBy: m)
        return r < 0 ? r + m : r
    }
}

/// One bucket of one tenant: every series' value (NaN where missing) and the active incident.
struct SyntheticBucket {
    var timestamp: Int64 = 0
    /// In catalog order; NaN marks a dropped sample or a collector outage.
    var values = [Double](repeating: .nan, count: SyntheticSeries.catalog.count)
    /// In catalog order: whether the active incident targets the series.
    var affected = [Bool](repeating: false, count: SyntheticSeries.catalog.count)
    /// Index of the active incident in the tenant's plan.
    var incident: Int?
}
