import Testing
@testable import Evaluation

@Suite("Alert thresholds")
struct ThresholdsTests {
    @Test("F1-optimal threshold equals the best point of sklearn's precision–recall curve")
    func maximizingF1() throws {
        // p, r, t = m.precision_recall_curve(y, s); f = 2*p*r/(p+r); i = np.nanargmax(f[:-1]) → t[i] = 0.35, p 2/3, r 1, f1 0.8
        let choice = try Thresholds.maximizingF1(truth: rankingTruth, scores: rankingScores)
        #expect(choice.threshold == 0.35)
        #expect(close(choice.precision, 2.0 / 3) && choice.recall == 1 && close(choice.f1, 0.8))
        #expect(close(choice.alertRate, 9.0 / 12))
    }

    @Test("threshold at a target recall is the highest that reaches it",
          arguments: [(0.5, 0.7, 1.0), (0.6, 0.4, 0.5714285714285714), (1.0, 0.35, 2.0 / 3)])
    func atRecall(target: Double, threshold: Double, precision: Double) throws {
        // From the same precision_recall_curve: (t, p, r) = (0.7, 1.0, 0.5), (0.4, 0.571…, 0.667), (0.35, 0.667, 1.0)
        let choice = try Thresholds.atRecall(target, truth: rankingTruth, scores: rankingScores)
        #expect(choice.threshold == threshold)
        #expect(close(choice.precision, precision))
        #expect(choice.recall >= target)
    }

    @Test("alert-rate threshold is the upper quantile of the scores")
    func alertRate() throws {
        // np.quantile(s, 0.75) → 0.5875; np.quantile(s, 0.9) → 0.79
        #expect(close(try Thresholds.forAlertRate(0.25, scores: rankingScores), 0.5875))
        #expect(close(try Thresholds.forAlertRate(0.1, scores: rankingScores), 0.79))
        #expect(try Thresholds.forAlertRate(0, scores: rankingScores) == 0.9)
        #expect(try Thresholds.forAlertRate(1, scores: rankingScores) == 0.05)
    }

    @Test("threshold helpers reject out-of-range targets")
    func errors() {
        #expect(throws: EvaluationError.invalidInput("Target recall must be in (0, 1]; got 0.0.")) {
            _ = try Thresholds.atRecall(0, truth: rankingTruth, scores: rankingScores)
        }
        #expect(throws: EvaluationError.invalidInput("Alert rate must be in [0, 1]; got 2.0.")) {
            _ = try Thresholds.forAlertRate(2, scores: rankingScores)
        }
        #expect(throws: EvaluationError.invalidInput("Threshold for alert rate needs at least one score; got none.")) {
            _ = try Thresholds.forAlertRate(0.1, scores: [])
        }
        #expect(throws: EvaluationError.invalidInput(
            "F1-optimal threshold is undefined without positive samples; no label equals the positive label 1.")) {
            _ = try Thresholds.maximizingF1(truth: [0, 0], scores: [1, 2])
        }
    }
}
