#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NumericCore

/// The constants that make one tenant differ from another: size, time zone, growth and baselines.
///
/// Drawn once per tenant from its own stream, in a fixed order, so a profile depends
/// only on (seed, tenant index).
struct TenantProfile: Sendable {
    /// Traffic size relative to a typical tenant (0.35 to 2.8, log-normal): scales bytes, requests, connections.
    let size: Double
    /// Offset of the tenant's day from UTC in hours (-1.5 to 1.5): its users' working day.
    let phaseHours: Double
    /// Load growth per week as a fraction (-1 % to +4 %): the slow trend.
    let weeklyGrowth: Double
    /// Host cpu percent at zero load (6 to 14).
    let hostCPUIdle: Double
    /// Host cpu percent added at full load (40 to 60).
    let hostCPUGain: Double
    /// Database cpu percent added at full load (30 to 45).
    let databaseCPUGain: Double
    /// Host memory percent right after the weekly restart at zero load (35 to 55).
    let memoryBase: Double
    /// Request latency p95 in seconds on an idle host (0.06 to 0.12).
    let requestLatencyBase: Double
    /// Query latency p95 in seconds on an idle database (0.003 to 0.008).
    let queryLatencyBase: Double

    init(random: inout SeededRandom) {
        size = min(max(exp(0.45 * random.nextGaussian()), 0.35), 2.8)
        phaseHours = -1.5 + 3 * random.nextUnitDouble()
        weeklyGrowth = -0.01 + 0.05 * random.nextUnitDouble()
        hostCPUIdle = 6 + 8 * random.nextUnitDouble()
        hostCPUGain = 40 + 20 * random.nextUnitDouble()
        databaseCPUGain = 30 + 15 * random.nextUnitDouble()
        memoryBase = 35 + 20 * random.nextUnitDouble()
        requestLatencyBase = 0.06 + 0.06 * random.nextUnitDouble()
        queryLatencyBase = 0.003 + 0.005 * random.nextUnitDouble()
    }
}
