import Testing
@testable import Forests

@Suite("Hyperparameter text forms")
struct HyperparameterTextTests {
    @Test("every max-features value survives description → init", arguments: [
        MaxFeatures.sqrt, .log2, .all, .count(3), .fraction(0.5), .fraction(1.0), .fraction(1e-05),
    ])
    func maxFeaturesRoundTrip(value: MaxFeatures) {
        #expect(MaxFeatures(value.description) == value)
    }

    @Test("every max-samples value survives description → init", arguments: [
        MaxSamples.auto, .all, .count(256), .fraction(0.25), .fraction(1.0),
    ])
    func maxSamplesRoundTrip(value: MaxSamples) {
        #expect(MaxSamples(value.description) == value)
    }

    @Test("an integer is a count, a number with a point or exponent a fraction (scikit-learn's rule)")
    func countOrFraction() {
        #expect(MaxFeatures("1") == .count(1))
        #expect(MaxFeatures("1.0") == .fraction(1.0))
        #expect(MaxSamples("2e-1") == .fraction(0.2))
        #expect(Contamination("0.02") == .fraction(0.02))
        #expect(Contamination("auto") == .auto)
        #expect(ExtendedIsolationForest.ExtensionLevel("full") == .full)
        #expect(ExtendedIsolationForest.ExtensionLevel("2") == .level(2))
    }

    @Test("other text is refused", arguments: ["", "half", "nan", "inf", "0x10", "1/2", " 3", "sqrt2"])
    func refused(text: String) {
        #expect(MaxFeatures(text) == nil)
        #expect(MaxSamples(text) == nil)
        #expect(Contamination(text) == nil)
    }

    @Test("contamination refuses a bare integer, which would read as a count")
    func contaminationInteger() {
        #expect(Contamination("1") == nil)
        // A negative level parses so that `validated()` can name the range it must be in.
        #expect(ExtendedIsolationForest.ExtensionLevel("-1") == .level(-1))
    }

    @Test("the extended forest embeds Isolation Forest's configuration and refuses a feature limit")
    func extendedEmbedsIsolation() throws {
        var configuration = ExtendedIsolationForest.Configuration()
        configuration.trees = 7
        configuration.contamination = .fraction(0.1)
        #expect(configuration.isolation.trees == 7 && configuration.isolation.contamination == .fraction(0.1))
        #expect(try configuration.validated().shared.trees == 7)
        configuration.maxFeatures = .count(2)
        #expect(throws: ForestError.self) { try configuration.validated() }
    }

    @Test("a Random Forest refuses the isolation-only max-samples keyword")
    func randomForestRefusesAuto() {
        var configuration = ForestConfiguration(task: .classification)
        configuration.maxSamples = .auto
        #expect(throws: ForestError.invalidParameter(
            "maxSamples must be all, a count ≥ 1 or a fraction in (0, 1] for a Random Forest; got auto.")) {
            try configuration.validated()
        }
    }
}
