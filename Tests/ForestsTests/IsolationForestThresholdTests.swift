import Testing
@testable import Forests

@Suite("Anomaly thresholds")
struct IsolationForestThresholdTests {
    @Test("the flagged fraction equals numpy's linear percentile of the negated scores")
    func flaggingMatchesNumpy() throws {
        // np.percentile(-np.array([0.1, 0.2, ..., 1.0]), 10) == -0.91
        let scores = (1 ... 10).map { Double($0) / 10 }
        #expect(abs(try AnomalyThresholds.flagging(0.1, of: scores) - 0.91) < 1e-12)
        #expect(abs(try AnomalyThresholds.flagging(0.25, of: scores) - 0.775) < 1e-12)
    }

    @Test("a fraction flags that many rows ± 1", arguments: [0.01, 0.05, 0.1, 0.3, 0.5])
    func flaggedCount(fraction: Double) throws {
        let scores = (0 ..< 997).map { Double(($0 * 7919) % 997) / 997 }
        let threshold = try AnomalyThresholds.flagging(fraction, of: scores)
        let flagged = scores.count { $0 > threshold }
        #expect(abs(Double(flagged) - fraction * 997) <= 1)
    }

    @Test("invalid fractions and empty scores are rejected with sentences")
    func flaggingErrors() {
        #expect(throws: ForestError.invalidParameter("the flagged fraction must be in (0, 1); got 1.5.")) {
            try AnomalyThresholds.flagging(1.5, of: [0.5])
        }
        #expect(throws: ForestError.invalidData("cannot choose a threshold from 0 scores; expected at least 1.")) {
            try AnomalyThresholds.flagging(0.1, of: [])
        }
        #expect(throws: ForestError.invalidData("score 1 is NaN; thresholds need finite scores.")) {
            try AnomalyThresholds.flagging(0.1, of: [0.5, .nan])
        }
    }

    @Test("the F1-optimal threshold separates perfectly separable scores")
    func f1Separable() throws {
        let scores = [0.9, 0.8, 0.75, 0.4, 0.3, 0.2]
        let labels = [true, true, true, false, false, false]
        let choice = try AnomalyThresholds.f1Optimal(scores: scores, labels: labels)
        #expect(choice.f1 == 1)
        #expect(choice.flagged == 3)
        #expect(abs(choice.threshold - 0.575) < 1e-12)
    }

    @Test("the F1-optimal threshold beats every other cut on overlapping scores")
    func f1Optimal() throws {
        let scores = [0.9, 0.85, 0.8, 0.7, 0.65, 0.6, 0.5, 0.4]
        let labels = [true, false, true, true, false, false, true, false]
        let best = try AnomalyThresholds.f1Optimal(scores: scores, labels: labels)
        for cut in scores {
            let flagged = scores.indices.filter { scores[$0] >= cut }
            let hits = flagged.count { labels[$0] }
            let f1 = 2 * Double(hits) / Double(flagged.count + labels.count { $0 })
            #expect(f1 <= best.f1 + 1e-12)
        }
        #expect(best.flagged == 4 && abs(best.f1 - 0.75) < 1e-12)
    }

    @Test("fixed recall picks the highest threshold that reaches it")
    func fixedRecall() throws {
        let scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]
        let labels = [true, false, true, false, true, false]
        let half = try AnomalyThresholds.fixedRecall(0.5, scores: scores, labels: labels)
        #expect(half.flagged == 3 && half.recall == 2.0 / 3)
        let all = try AnomalyThresholds.fixedRecall(1, scores: scores, labels: labels)
        #expect(all.flagged == 5 && all.recall == 1 && abs(all.threshold - 0.45) < 1e-12)
        #expect(throws: ForestError.invalidParameter("recall must be in (0, 1]; got 0.0.")) {
            try AnomalyThresholds.fixedRecall(0, scores: scores, labels: labels)
        }
        #expect(throws: ForestError.invalidData("no label marks an anomaly; F1 and recall thresholds need at least 1.")) {
            try AnomalyThresholds.fixedRecall(0.5, scores: scores, labels: labels.map { _ in false })
        }
        #expect(throws: ForestError.invalidData("got 6 scores but 2 labels; expected one label per score.")) {
            try AnomalyThresholds.f1Optimal(scores: scores, labels: [true, false])
        }
    }

    @Test("tied scores are never split by a threshold")
    func ties() throws {
        let scores = [0.9, 0.7, 0.7, 0.7, 0.1]
        let labels = [true, true, false, false, false]
        let choice = try AnomalyThresholds.fixedRecall(1, scores: scores, labels: labels)
        #expect(choice.flagged == 4)
        #expect(scores.count { $0 > choice.threshold } == 4)
    }

    @Test("adjacent doubles still get a separating threshold")
    func adjacentScores() throws {
        let high = 0.5, low = 0.5.nextDown
        let choice = try AnomalyThresholds.f1Optimal(scores: [high, low], labels: [true, false])
        #expect(high > choice.threshold && !(low > choice.threshold))
    }

    @Test("levels are kept sorted and the highest one exceeded is reported")
    func levels() {
        var thresholds = AnomalyThresholds(alert: 0.55, levels: [.init(name: "critical", score: 0.7)])
        thresholds.setLevel("warn", score: 0.6)
        #expect(thresholds.levels.map(\.name) == ["warn", "critical"])
        #expect(thresholds.level(for: 0.65)?.name == "warn")
        #expect(thresholds.level(for: 0.71)?.name == "critical")
        #expect(thresholds.level(for: 0.6) == nil)
        #expect(thresholds.isAnomaly(0.56) && !thresholds.isAnomaly(0.55))
        thresholds.setLevel("warn", score: 0.8)
        #expect(thresholds.levels.map(\.name) == ["critical", "warn"])
    }
}
