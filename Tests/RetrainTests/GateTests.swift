import Retrain
import Testing

@Suite("Gates")
struct GateTests {
    let gates = Gates(minimum: ["average_precision": 0.3], maximum: ["mae": 2],
                      maxRegression: ["average_precision": 0.02], maxFalseAlertsPerDay: 3)

    @Test("a first version passes on the absolute gates alone")
    func firstVersion() {
        let verdict = gates.verdict(candidate: ["average_precision": 0.5, "mae": 1, "false_alerts_per_group_day": 1],
                                    production: nil)
        #expect(verdict.passed)
    }

    @Test("each failure names the metric and both values")
    func failures() {
        let verdict = gates.verdict(
            candidate: ["average_precision": 0.27, "mae": 2.5, "false_alerts_per_group_day": 4.1],
            production: ["average_precision": 0.32])
        #expect(verdict.failures == [
            "average_precision 0.27 < min 0.3",
            "mae 2.5 > max 2",
            "false_alerts_per_group_day 4.1 > 3",
            "average_precision worsened by 0.05 > max_regression 0.02 (0.32 → 0.27)",
        ])
    }

    @Test("regression reads the metric's direction")
    func lowerIsBetter() {
        let gates = Gates(maxRegression: ["mae": 0.1])
        #expect(gates.verdict(candidate: ["mae": 1.0], production: ["mae": 1.5]).passed)
        #expect(!gates.verdict(candidate: ["mae": 1.5], production: ["mae": 1.0]).passed)
    }

    @Test("a gate on an unmeasured metric fails instead of passing")
    func unmeasured() {
        #expect(gates.verdict(candidate: ["mae": 1], production: nil).failures.first == "average_precision was not measured")
    }

    @Test("detectors without labels gate on alert episodes")
    func alertEpisodes() {
        let verdict = Gates(maxFalseAlertsPerDay: 3).verdict(candidate: ["alert_episodes_per_group_day": 5], production: nil,
                                                             falseAlertsKey: "alert_episodes_per_group_day")
        #expect(verdict.failures == ["alert_episodes_per_group_day 5 > 3"])
    }
}
