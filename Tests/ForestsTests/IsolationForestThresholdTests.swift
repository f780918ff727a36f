import Testing
@testable import Forests

@Suite("Isolation forest offset")
struct IsolationForestThresholdTests {
    @Test("the offset equals numpy's linear percentile of the negated scores, as scikit-learn's offset_")
    func offsetMatchesNumpy() throws {
        // np.percentile(-np.array([0.1, 0.2, ..., 1.0]), 10) == -0.91
        let scores = (1 ... 10).map { Double($0) / 10 }
        #expect(abs(try IsolationForest.offset(for: .fraction(0.1), trainingScores: scores) + 0.91) < 1e-12)
        #expect(abs(try IsolationForest.offset(for: .fraction(0.25), trainingScores: scores) + 0.775) < 1e-12)
        #expect(try IsolationForest.offset(for: .auto, trainingScores: scores) == -0.5)
    }

    @Test("a fraction flags that many rows ± 1", arguments: [0.01, 0.05, 0.1, 0.3, 0.5])
    func flaggedCount(fraction: Double) throws {
        let scores = (0 ..< 997).map { Double(($0 * 7919) % 997) / 997 }
        let offset = try IsolationForest.offset(for: .fraction(fraction), trainingScores: scores)
        let flagged = scores.count { $0 > -offset }
        #expect(abs(Double(flagged) - fraction * 997) <= 1)
    }

    @Test("invalid fractions and empty scores are rejected with sentences")
    func offsetErrors() {
        #expect(throws: ForestError.invalidParameter("contamination must be 'auto' or in (0, 0.5]; got 0.6.")) {
            try IsolationForest.offset(for: .fraction(0.6), trainingScores: [0.5])
        }
        #expect(throws: ForestError.invalidData("cannot choose an offset from 0 scores; expected at least 1.")) {
            try IsolationForest.offset(for: .fraction(0.1), trainingScores: [])
        }
        #expect(throws: ForestError.invalidData("score 1 is NaN; the offset needs finite scores.")) {
            try IsolationForest.offset(for: .fraction(0.1), trainingScores: [0.5, .nan])
        }
    }
}
