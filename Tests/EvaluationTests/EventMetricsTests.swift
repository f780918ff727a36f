import Foundation
import Testing
@testable import Evaluation

/// Two tenants plus a one-row tenant, built in time order then shuffled.
///
/// Tenant a (every 300 s, t = 0 … 2700): incidents at rows 0–1 (start of data, kind cpu), 4–5 (mem) and 7–9
/// (end of data, empty kind → unknown); one alert episode over rows 1–4 overlaps the first two incidents, another
/// alerts on row 9. Tenant b (every 60 s, t = 1000 … 1300): a missed cpu incident at rows 2–3 and two false
/// alerts (rows 0 and 5). Tenant c: one quiet row.
struct EventFixture {
    var groups: [String] = []
    var times: [Double] = []
    var truth: [Int] = []
    var alerts: [Int] = []
    var kinds: [String] = []

    init() {
        let a = (truth: [1, 1, 0, 0, 1, 1, 0, 1, 1, 1], alerts: [0, 1, 1, 1, 1, 0, 0, 0, 0, 1],
                 kinds: ["cpu", "cpu", "", "", "mem", "mem", "", "", "", "disk"])
        for row in 0 ..< 10 { append("a", Double(row * 300), a.truth[row], a.alerts[row], a.kinds[row]) }
        let b = (truth: [0, 0, 1, 1, 0, 0], alerts: [1, 0, 0, 0, 0, 1])
        for row in 0 ..< 6 { append("b", Double(1000 + row * 60), b.truth[row], b.alerts[row], row == 2 ? "cpu" : "") }
        append("c", 5000, 0, 0, "")
    }

    private mutating func append(_ group: String, _ time: Double, _ label: Int, _ alert: Int, _ kind: String) {
        groups.append(group); times.append(time); truth.append(label); alerts.append(alert); kinds.append(kind)
    }

    /// The rows in another order.
    func permuted(_ order: [Int]) -> EventFixture {
        var copy = self
        copy.groups = order.map { groups[$0] }; copy.times = order.map { times[$0] }
        copy.truth = order.map { truth[$0] }; copy.alerts = order.map { alerts[$0] }; copy.kinds = order.map { kinds[$0] }
        return copy
    }

    func metrics(kinds withKinds: Bool = true) throws -> EventMetrics {
        try EventMetrics.compute(groups: groups, times: times, truth: truth, alerts: alerts,
                                 kinds: withKinds ? kinds : nil)
    }
}

@Suite("Incident events")
struct EventMetricsTests {
    /// Interleaves the tenants and reverses tenant a, so input order is neither time nor group order.
    static let shuffle = [16, 9, 10, 8, 11, 7, 12, 6, 13, 5, 14, 4, 15, 3, 2, 1, 0]

    @Test("incidents, detections, delays and false alerts on hand-built tenants in shuffled order")
    func handBuilt() throws {
        let metrics = try EventFixture().permuted(Self.shuffle).metrics()
        #expect(metrics.total == 4 && metrics.detected == 3 && metrics.recall == 0.75)
        // Delays: 300 (cpu), 0 (mem), 600 (unknown); the missed cpu incident has none.
        #expect(metrics.medianDelaySeconds == 300)
        #expect(metrics.alertEpisodes == 4 && metrics.falseAlerts == 2 && metrics.groups == 3)
        // a: 2700 + 300 s; b: 300 + 60 s; c: one row, the pooled median step 300 s.
        let groupDays = (3000.0 + 360 + 300) / 86_400
        #expect(abs(metrics.groupDays - groupDays) < 1e-15)
        #expect(abs(metrics.falseAlertsPerGroupDay! - 2 / groupDays) < 1e-9)
        #expect(abs(metrics.alertEpisodesPerGroupDay! - 4 / groupDays) < 1e-9)
        let byKind = try #require(metrics.byKind)
        #expect(byKind["cpu"] == EventMetrics.KindEvents(total: 2, detected: 1, recall: 0.5, medianDelaySeconds: 300))
        #expect(byKind["mem"] == EventMetrics.KindEvents(total: 1, detected: 1, recall: 1, medianDelaySeconds: 0))
        #expect(byKind["unknown"] == EventMetrics.KindEvents(total: 1, detected: 1, recall: 1, medianDelaySeconds: 600))
        #expect(byKind.count == 3)
    }

    @Test("the result does not depend on the input row order")
    func orderIndependent() throws {
        let fixture = EventFixture()
        #expect(try fixture.metrics() == fixture.permuted(Self.shuffle).metrics())
        #expect(try fixture.metrics() == fixture.permuted(Array((0 ..< 17).reversed())).metrics())
    }

    @Test("JSON has the issue's keys, null when undefined, and by_kind only with kinds")
    func json() throws {
        let keys: Set<String> = [
            "total", "detected", "recall", "median_delay_seconds", "alert_episodes", "false_alerts", "groups",
            "group_days", "false_alerts_per_group_day", "alert_episodes_per_group_day",
        ]
        #expect(Set(try jsonObject(EventFixture().metrics(kinds: false)).keys) == keys)
        let withKinds = try jsonObject(EventFixture().metrics())
        #expect(Set(withKinds.keys) == keys.union(["by_kind"]))
        let quiet = try EventMetrics.compute(groups: [1, 1], times: [0, 60], truth: [0, 0], alerts: [0, 0])
        let object = try jsonObject(quiet)
        #expect(object["recall"] is NSNull && object["median_delay_seconds"] is NSNull)
        #expect(quiet.falseAlertsPerGroupDay == 0 && quiet.groupDays == 120.0 / 86_400)
        let missed = try EventMetrics.compute(groups: ["x"], epochSeconds: [7], truth: [1], alerts: [0])
        #expect(missed.total == 1 && missed.detected == 0 && missed.medianDelaySeconds == nil)
        #expect(missed.groupDays == 0 && missed.falseAlertsPerGroupDay == nil)
    }

    @Test("bad event input is rejected with a sentence naming the row")
    func errors() {
        #expect(throws: EvaluationError.invalidInput("Event metrics: truth must be 0 or 1; row 1 is 2.")) {
            _ = try EventMetrics.compute(groups: [0, 0], times: [0, 1], truth: [0, 2], alerts: [0, 0])
        }
        #expect(throws: EvaluationError.invalidInput("Event metrics: alerts must be 0 or 1; row 0 is -1.")) {
            _ = try EventMetrics.compute(groups: [0], times: [0], truth: [0], alerts: [-1])
        }
        #expect(throws: EvaluationError.invalidInput("Event metrics: times must be finite; value 0 is nan.")) {
            _ = try EventMetrics.compute(groups: [0], times: [.nan], truth: [0], alerts: [0])
        }
        #expect(throws: EvaluationError.invalidInput(
            "Event metrics: groups has 2 values but alerts has 1; they must match.")) {
            _ = try EventMetrics.compute(groups: [0, 0], times: [0, 1], truth: [0, 0], alerts: [0])
        }
        #expect(throws: EvaluationError.invalidInput(
            "Event metrics: groups has 1 values but kinds has 0; they must match.")) {
            _ = try EventMetrics.compute(groups: [0], times: [0], truth: [0], alerts: [0], kinds: [])
        }
    }
}
