import Testing
import NumericCore
@testable import Forests

@Suite("Isolation Forest parity with scikit-learn")
struct IsolationForestParityTests {
    /// scikit-learn 1.9.1 IsolationForest (100 trees, ψ = 256, mean ROC AUC over
    /// random_state 0 … 4, fit and scored on all rows), from datasets/odds/README.md.
    @Test("ROC AUC on ODDS sets is within 0.02 of scikit-learn's, mean over 5 seeds", arguments: [
        ("breastw.csv", 0.988), ("Ionosphere.csv", 0.844),
    ])
    func oddsAUC(file: String, sklearnAUC: Double) throws {
        let (data, labels) = try IsolationFixtures.odds(file)
        var total = 0.0
        for seed in 0 ..< 5 as Range<UInt64> {
            var configuration = IsolationForest.Configuration()
            configuration.seed = seed
            let model = try IsolationForest.fit(data, configuration: configuration.validated())
            total += IsolationFixtures.rocAUC(try model.scores(data), labels)
        }
        let mean = total / 5
        #expect(abs(mean - sklearnAUC) <= 0.02, "mean ROC AUC \(mean) on \(file); scikit-learn \(sklearnAUC)")
    }
}
