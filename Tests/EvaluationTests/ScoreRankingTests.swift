import NumericCore
import Testing
@testable import Evaluation

@Suite("Scores ranked once")
struct ScoreRankingTests {
    @Test("every metric and threshold equals the one-shot function's, on ties and random scores", arguments: [0, 1, 2])
    func sameAsOneShot(seed: Int) throws {
        var generator = SeededRandom(seed: UInt64(seed))
        // Scores rounded to two digits so many are tied; about one row in six is positive.
        let scores = (0 ..< 2_000).map { _ in (Double(generator.next() % 1_000) / 100).rounded() / 10 }
        let truth = scores.map { score in generator.next() % 6 == 0 || score > 0.9 ? 1 : 0 }
        let ranked = try ScoreRanking(truth: truth, scores: scores)
        #expect(try ranked.rocAUC() == Metrics.rocAUC(truth: truth, scores: scores))
        #expect(try ranked.averagePrecision() == Metrics.averagePrecision(truth: truth, scores: scores))
        #expect(try ranked.thresholdMaximizingF1() == Thresholds.maximizingF1(truth: truth, scores: scores))
        for recall in [0.1, 0.5, 0.9, 1.0] {
            #expect(try ranked.threshold(atRecall: recall) == Thresholds.atRecall(recall, truth: truth, scores: scores))
        }
    }

    @Test("refusals match the one-shot functions': one class, no positives, recall out of range, non-finite scores")
    func refusals() throws {
        let negatives = try ScoreRanking(truth: [0, 0, 0], scores: [0.1, 0.2, 0.3])
        #expect(throws: EvaluationError.invalidInput(
            "ROC AUC is undefined when only one class is present; got 0 positive and 3 negative samples.")) {
            try negatives.rocAUC()
        }
        #expect(throws: EvaluationError.self) { try negatives.averagePrecision() }
        #expect(throws: EvaluationError.self) { try negatives.thresholdMaximizingF1() }
        let mixed = try ScoreRanking(truth: [0, 1], scores: [0.1, 0.9])
        #expect(throws: EvaluationError.invalidInput("Target recall must be in (0, 1]; got 0.0.")) {
            try mixed.threshold(atRecall: 0)
        }
        #expect(throws: EvaluationError.self) { try ScoreRanking(truth: [0, 1], scores: [0.1, .infinity]) }
        #expect(throws: EvaluationError.self) { try ScoreRanking(truth: [0], scores: [0.1, 0.2]) }
    }
}

