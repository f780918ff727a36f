import Foundation
import Testing
@testable import ModelStore

@Suite("Threshold levels")
struct ThresholdLevelTests {
    @Test("a level is reached at exactly its value (score ≥ value), the one rule of Workbench and sklearn's curves")
    func rule() {
        let level = ThresholdLevel(name: "warn", value: 0.6, score: "anomaly_score")
        #expect(level.isReached(by: 0.6) && level.isReached(by: 0.61) && !level.isReached(by: 0.6.nextDown))
    }

    @Test("metadata written before levels had a purpose reads them as alert levels")
    func purposeDefaultsToAlert() throws {
        let json = #"{"name": "warn", "value": 0.6, "score": "anomaly_score", "direction": "above"}"#
        let level = try JSONDecoder().decode(ThresholdLevel.self, from: Data(json.utf8))
        #expect(level.purpose == .alert && level.rule == nil)
        let reference = ThresholdLevel(name: "f1_optimal", value: 0.4, score: "anomaly_score", purpose: .reference)
        let copy = try JSONDecoder().decode(ThresholdLevel.self, from: JSONEncoder().encode(reference))
        #expect(copy == reference)
    }

    @Test("of equal values the level listed last wins, as the Python loader does")
    func ties() {
        let levels = [
            ThresholdLevel(name: "warn", value: 0.6, score: "anomaly_score"),
            ThresholdLevel(name: "critical", value: 0.6, score: "anomaly_score"),
            ThresholdLevel(name: "other", value: 0.1, score: "probability_1"),
        ]
        #expect(levels.highestAlert(reachedBy: 0.7)?.name == "critical")
        #expect(levels.alertLevels().count == 2)
    }
}
