import Testing
@testable import Datasets

@Suite("Synthetic metrics: determinism, independence, realism")
struct SyntheticMetricsTests {
    typealias Configuration = SyntheticMetrics.Configuration

    @Test("the same configuration gives the same samples; another seed gives others")
    func determinism() {
        let configuration = Configuration(tenants: 2, days: 1, intervalSeconds: 120, seed: 42)
        let first = SyntheticFixtures.digest(of: SyntheticMetrics(configuration: configuration))
        let second = SyntheticFixtures.digest(of: SyntheticMetrics(configuration: configuration))
        var reseeded = configuration
        reseeded.seed = 43
        #expect(first == second)
        #expect(first != SyntheticFixtures.digest(of: SyntheticMetrics(configuration: reseeded)))
        #expect(SyntheticMetrics(configuration: configuration).incidents
            == SyntheticMetrics(configuration: configuration).incidents)
    }

    @Test("a tenant's samples and incidents do not depend on how many tenants are generated")
    func tenantIndependence() {
        let one = SyntheticMetrics(configuration: Configuration(tenants: 1, days: 2, intervalSeconds: 300, seed: 5))
        let three = SyntheticMetrics(configuration: Configuration(tenants: 3, days: 2, intervalSeconds: 300, seed: 5))
        let allThree = SyntheticFixtures.samples(of: three)
        #expect(SyntheticFixtures.samples(of: one) == allThree.filter { $0.tenant == "tenant-a" })
        #expect(one.incidents == three.incidents.filter { $0.tenant == "tenant-a" })
        #expect(three.tenants == ["tenant-a", "tenant-b", "tenant-c"])
        let tenantB = allThree.filter { $0.tenant == "tenant-b" }
        #expect(tenantB.first?.value != allThree.first?.value, "tenants must not share their streams")
    }

    @Test("a shorter period is a prefix of a longer one")
    func prefixStability() {
        let short = SyntheticMetrics(configuration: Configuration(tenants: 1, days: 2, intervalSeconds: 600, seed: 3))
        let long = SyntheticMetrics(configuration: Configuration(tenants: 1, days: 9, intervalSeconds: 600, seed: 3))
        let end = short.configuration.end
        #expect(SyntheticFixtures.samples(of: short) == SyntheticFixtures.samples(of: long).filter { $0.timestamp < end })
        #expect(short.incidents == long.incidents.filter { $0.start < end })
    }

    @Test("every value is finite, within its series' bounds and rounded to its decimals")
    func bounds() {
        var checked = 0
        var violations: [String] = []
        SyntheticFixtures.week.forEachSample { sample in
            guard let index = SyntheticSeries.index(collector: sample.collector, metric: sample.metric) else {
                violations.append("unknown series \(sample.collector)/\(sample.metric)")
                return
            }
            let series = SyntheticSeries.catalog[index]
            let scaled = sample.value * [1.0, 10, 100, 1_000, 10_000, 100_000][series.decimals]
            let rounded = abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled))
            if !sample.value.isFinite || sample.value < series.minimum || sample.value > series.maximum || !rounded {
                violations.append("\(series.wideColumnName) = \(sample.value) at \(sample.timestamp)")
            }
            checked += 1
        }
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        #expect(checked > 40_000)
    }

    @Test("cpu is higher by day than by night and on weekdays than at weekends")
    func seasonality() {
        let wide = SyntheticFixtures.weekWide
        let cpu = SyntheticFixtures.numbers(wide, "system_performance/cpu_usage_percent")
        let timestamps = SyntheticFixtures.numbers(wide, "timestamp")
        func mean(where keep: (Int64) -> Bool) -> Double {
            let kept = zip(timestamps, cpu).filter { keep(Int64($0.0)) && !$0.1.isNaN }.map(\.1)
            return kept.reduce(0, +) / Double(kept.count)
        }
        let hour = { (t: Int64) in (t % 86_400) / 3_600 }
        let weekday = { (t: Int64) in (t / 86_400 + 3) % 7 }  // Monday = 0
        let day = mean { (10 ..< 18).contains(hour($0)) }
        let night = mean { (0 ..< 6).contains(hour($0)) }
        #expect(day > night + 15, "day \(day), night \(night)")
        let weekdays = mean { weekday($0) < 5 && (10 ..< 18).contains(hour($0)) }
        let weekend = mean { weekday($0) >= 5 && (10 ..< 18).contains(hour($0)) }
        #expect(weekdays > weekend + 5, "weekdays \(weekdays), weekend \(weekend)")
    }

    @Test("request latency rises with host cpu")
    func latencyFollowsCPU() {
        let wide = SyntheticFixtures.weekWide
        let cpu = SyntheticFixtures.numbers(wide, "system_performance/cpu_usage_percent")
        let latency = SyntheticFixtures.numbers(wide, "api_gateway/request_latency_seconds_p95")
        let tenants = SyntheticFixtures.texts(wide, "tenant_id")
        let pairs = (0 ..< wide.rowCount).filter { tenants[$0] == "tenant-a" && !cpu[$0].isNaN && !latency[$0].isNaN }
        let busy = pairs.filter { cpu[$0] > 45 }.map { latency[$0] }
        let idle = pairs.filter { cpu[$0] < 25 }.map { latency[$0] }
        let busyMean = busy.reduce(0, +) / Double(busy.count)
        let idleMean = idle.reduce(0, +) / Double(idle.count)
        #expect(!busy.isEmpty && !idle.isEmpty)
        #expect(busyMean > 1.2 * idleMean, "busy \(busyMean) s, idle \(idleMean) s")
    }

    @Test("gaps: whole-collector outages and single dropped samples, a small share of all")
    func gaps() {
        let wide = SyntheticFixtures.weekWide
        let catalog = SyntheticSeries.catalog
        let columns = catalog.map { SyntheticFixtures.numbers(wide, $0.wideColumnName) }
        var outageBuckets = 0
        var singleDrops = 0
        var missing = 0
        for row in 0 ..< wide.rowCount {
            let absent = catalog.indices.filter { columns[$0][row].isNaN }
            missing += absent.count
            if absent.count == 1 { singleDrops += 1 }
            for collector in SyntheticSeries.collectors {
                let members = catalog.indices.filter { catalog[$0].collector == collector }
                if members.allSatisfy(absent.contains), absent.count < catalog.count { outageBuckets += 1 }
            }
        }
        #expect(outageBuckets > 0)
        #expect(singleDrops > 0)
        let share = Double(missing) / Double(wide.rowCount * catalog.count)
        #expect(share > 0 && share < 0.03, "missing share \(share)")
        #expect(SyntheticFixtures.weekLong.rowCount == wide.rowCount * catalog.count - missing)
    }

    @Test("tenant names run a…z, then aa, ab, … zz")
    func tenantNames() {
        #expect(TenantPlan.name(ofTenant: 0) == "tenant-a")
        #expect(TenantPlan.name(ofTenant: 25) == "tenant-z")
        #expect(TenantPlan.name(ofTenant: 26) == "tenant-aa")
        #expect(TenantPlan.name(ofTenant: 27) == "tenant-ab")
        #expect(TenantPlan.name(ofTenant: Configuration.maximumTenants - 1) == "tenant-zz")
    }

    @Test("the catalog is ordered by collector then metric and names its units")
    func catalogOrder() {
        let keys = SyntheticSeries.catalog.map { [$0.collector, $0.metric] }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(SyntheticSeries.collectors == ["api_gateway", "database", "system_performance"])
        for series in SyntheticSeries.catalog where series.unit == "percent" {
            #expect(series.metric.hasSuffix("_percent") && series.maximum == 100)
        }
    }
}
