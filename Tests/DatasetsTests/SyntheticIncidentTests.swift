import Testing
@testable import Datasets

@Suite("Synthetic metrics: incidents, labels and the two layouts")
struct SyntheticIncidentTests {
    @Test("every tenant gets spikes, a level shift and a drift each week, never overlapping")
    func incidentsPerWeek() {
        let generator = SyntheticMetrics(configuration: .init(tenants: 3, days: 14, intervalSeconds: 300, seed: 11))
        for tenant in generator.tenants {
            let own = generator.incidents.filter { $0.tenant == tenant }
            #expect((6 ... 10).contains(own.count), "\(tenant) has \(own.count) incidents")
            #expect(Set(own.map(\.kind)) == Set(Incident.kinds))
            for (earlier, later) in zip(own, own.dropFirst()) {
                #expect(earlier.end <= later.start, "\(tenant): overlapping incidents")
            }
        }
        for incident in generator.incidents {
            let minutes = (incident.end - incident.start) / 60
            switch incident.kind {
            case "spike": #expect((3 ... 15).contains(minutes))
            case "level_shift": #expect((60 ... 360).contains(minutes))
            case "drift": #expect((720 ... 1_440).contains(minutes))
            default: Issue.record("unknown kind \(incident.kind)")
            }
            #expect(incident.metric.map { SyntheticSeries.index(collector: incident.collector, metric: $0) != nil }
                ?? SyntheticSeries.collectors.contains(incident.collector))
        }
    }

    @Test("long rows are labelled exactly when an incident targets their series at their time")
    func longLabels() {
        let long = SyntheticFixtures.weekLong
        let incidents = SyntheticFixtures.week.incidents
        let timestamps = SyntheticFixtures.numbers(long, "timestamp")
        let collectors = SyntheticFixtures.texts(long, "collector_name")
        let metrics = SyntheticFixtures.texts(long, "metric_name")
        let tenants = SyntheticFixtures.texts(long, "tenant_id")
        let labels = SyntheticFixtures.numbers(long, "is_incident")
        var positives = 0
        var wrong = 0
        for row in 0 ..< long.rowCount {
            let expected = incidents.contains {
                $0.tenant == tenants[row] && $0.targets(collector: collectors[row]!, metric: metrics[row]!)
                    && $0.isActive(at: Int64(timestamps[row]))
            }
            if labels[row] != (expected ? 1 : 0) { wrong += 1 }
            if expected { positives += 1 }
        }
        #expect(wrong == 0)
        #expect(positives > 100)
        #expect(Set(labels) == [0, 1])
    }

    @Test("wide rows carry the tenant's active incident as label and kind")
    func wideLabels() {
        let wide = SyntheticFixtures.weekWide
        let incidents = SyntheticFixtures.week.incidents
        let timestamps = SyntheticFixtures.numbers(wide, "timestamp")
        let tenants = SyntheticFixtures.texts(wide, "tenant_id")
        let labels = SyntheticFixtures.numbers(wide, "label")
        let kinds = SyntheticFixtures.texts(wide, "incident_kind")
        var wrong = 0
        for row in 0 ..< wide.rowCount {
            let active = incidents.first { $0.tenant == tenants[row] && $0.isActive(at: Int64(timestamps[row])) }
            if labels[row] != (active == nil ? 0 : 1) || kinds[row] != active?.kind { wrong += 1 }
        }
        #expect(wrong == 0)
        #expect(Set(kinds.compactMap { $0 }) == Set(Incident.kinds))
        #expect(wide.columnNames == SyntheticMetrics.wideColumnNames)
        #expect(wide.rowCount == 2 * 7 * 288)
    }

    @Test("an incident changes only its target series inside its window, and visibly")
    func incidentsChangeOnlyTargets() {
        let injected = SyntheticFixtures.weekWide
        let clean = SyntheticFixtures.cleanWeek.wideDataset()
        let incidents = SyntheticFixtures.week.incidents
        #expect(SyntheticFixtures.cleanWeek.incidents.isEmpty)
        #expect(Set(SyntheticFixtures.numbers(clean, "label")) == [0])
        let timestamps = SyntheticFixtures.numbers(injected, "timestamp")
        let tenants = SyntheticFixtures.texts(injected, "tenant_id")
        var changed = Array(repeating: 0, count: incidents.count)
        var gapMismatches = 0
        for series in SyntheticSeries.catalog {
            let with = SyntheticFixtures.numbers(injected, series.wideColumnName)
            let without = SyntheticFixtures.numbers(clean, series.wideColumnName)
            for row in 0 ..< injected.rowCount {
                if with[row].isNaN != without[row].isNaN { gapMismatches += 1 }
                guard !with[row].isNaN, with[row] != without[row] else { continue }
                let cause = incidents.firstIndex {
                    $0.tenant == tenants[row] && $0.targets(collector: series.collector, metric: series.metric)
                        && $0.isActive(at: Int64(timestamps[row]))
                }
                #expect(cause != nil, "\(series.wideColumnName) changed at \(timestamps[row]) without an incident")
                if let cause { changed[cause] += 1 }
            }
        }
        #expect(gapMismatches == 0, "gaps must not depend on incidents")
        for (incident, count) in zip(incidents, changed) {
            #expect(count > 0, "incident \(incident.kind) on \(incident.collector) changed nothing")
        }
    }

    @Test("long and wide layouts hold the same samples")
    func longWideConsistency() {
        let long = SyntheticFixtures.weekLong
        let wide = SyntheticFixtures.weekWide
        var wideCells: [String: Double] = [:]
        let wideTimestamps = SyntheticFixtures.numbers(wide, "timestamp")
        let wideTenants = SyntheticFixtures.texts(wide, "tenant_id")
        for series in SyntheticSeries.catalog {
            let values = SyntheticFixtures.numbers(wide, series.wideColumnName)
            for row in 0 ..< wide.rowCount where !values[row].isNaN {
                wideCells["\(wideTenants[row]!)|\(Int64(wideTimestamps[row]))|\(series.wideColumnName)"] = values[row]
            }
        }
        #expect(wideCells.count == long.rowCount)
        let timestamps = SyntheticFixtures.numbers(long, "timestamp")
        let collectors = SyntheticFixtures.texts(long, "collector_name")
        let metrics = SyntheticFixtures.texts(long, "metric_name")
        let tenants = SyntheticFixtures.texts(long, "tenant_id")
        let values = SyntheticFixtures.numbers(long, "metric_value")
        var mismatches = 0
        for row in 0 ..< long.rowCount {
            let key = "\(tenants[row]!)|\(Int64(timestamps[row]))|\(collectors[row]!)/\(metrics[row]!)"
            if wideCells[key] != values[row] { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(long.columnNames == SyntheticMetrics.longColumnNames)
    }

    @Test("the incident table lists every incident with its window")
    func incidentTable() {
        let table = SyntheticFixtures.week.incidentDataset()
        let incidents = SyntheticFixtures.week.incidents
        #expect(table.rowCount == incidents.count)
        #expect(SyntheticFixtures.numbers(table, "start") == incidents.map { Double($0.start) })
        #expect(SyntheticFixtures.texts(table, "metric_name") == incidents.map(\.metric))
    }
}
