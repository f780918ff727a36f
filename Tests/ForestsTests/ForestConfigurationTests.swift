import Testing
@testable import Forests

@Suite("Forest configuration")
struct ForestConfigurationTests {
    @Test("defaults follow scikit-learn per task")
    func defaults() {
        let classification = ForestConfiguration(task: .classification)
        #expect(classification.trees == 100 && classification.bootstrap && classification.maxSamples == .all)
        #expect(classification.maxFeatures == .sqrt && classification.criterion == .gini)
        #expect(classification.minSamplesSplit == 2 && classification.minSamplesLeaf == 1)
        #expect(classification.maxDepth == nil && classification.maxLeafNodes == nil && classification.seed == 0)
        let regression = ForestConfiguration(task: .regression)
        #expect(regression.maxFeatures == .all && regression.criterion == .squaredError)
    }

    static let invalid: [(String, @Sendable (inout ForestConfiguration) -> Void, String)] = [
        ("trees", { $0.trees = 0 }, "trees must be an integer in [1, 100000]; got 0."),
        ("maxSamples count", { $0.maxSamples = .count(0) }, "maxSamples must be a count ≥ 1 or a fraction in (0, 1]; got 0."),
        ("maxSamples fraction", { $0.maxSamples = .fraction(2.0) }, "maxSamples must be a count ≥ 1 or a fraction in (0, 1]; got 2.0."),
        ("maxSamples without bootstrap", { $0.maxSamples = .fraction(0.5); $0.bootstrap = false },
         "maxSamples needs bootstrap; got maxSamples 0.5 with bootstrap false."),
        ("maxFeatures count", { $0.maxFeatures = .count(0) },
         "maxFeatures must be sqrt, log2, all, a count ≥ 1 or a fraction in (0, 1]; got 0."),
        ("maxFeatures fraction", { $0.maxFeatures = .fraction(0) },
         "maxFeatures must be sqrt, log2, all, a count ≥ 1 or a fraction in (0, 1]; got 0.0."),
        ("maxDepth", { $0.maxDepth = 0 }, "maxDepth must be an integer in [1, ∞) or none; got 0."),
        ("minSamplesSplit", { $0.minSamplesSplit = 1 }, "minSamplesSplit must be an integer in [2, ∞); got 1."),
        ("minSamplesLeaf", { $0.minSamplesLeaf = 0 }, "minSamplesLeaf must be an integer in [1, ∞); got 0."),
        ("minImpurityDecrease", { $0.minImpurityDecrease = -0.5 },
         "minImpurityDecrease must be a finite number in [0, ∞); got -0.5."),
        ("maxLeafNodes", { $0.maxLeafNodes = 1 }, "maxLeafNodes must be an integer in [2, ∞) or none; got 1."),
        ("threads", { $0.threads = 0 }, "threads must be an integer in [1, 1024] or none; got 0."),
        ("criterion", { $0.criterion = .squaredError },
         "criterion must be gini or entropy for classification; got squared_error."),
    ]

    @Test("each invalid value is rejected with a message naming parameter, range and value",
          arguments: invalid.indices)
    func invalidValues(index: Int) {
        let (_, change, message) = Self.invalid[index]
        var configuration = ForestConfiguration(task: .classification)
        change(&configuration)
        #expect(throws: ForestError.invalidParameter(message)) { try configuration.validated() }
    }

    @Test("regression rejects classification-only settings")
    func regressionOnly() {
        var configuration = ForestConfiguration(task: .regression)
        configuration.criterion = .gini
        #expect(throws: ForestError.invalidParameter("criterion must be squared_error for regression; got gini.")) {
            try configuration.validated()
        }
        configuration = ForestConfiguration(task: .regression)
        configuration.classWeight = .balanced
        #expect(throws: ForestError.invalidParameter("classWeight applies to classification only; got balanced for regression.")) {
            try configuration.validated()
        }
    }

    @Test("maxFeatures resolves like scikit-learn and rejects counts above the features")
    func resolveMaxFeatures() throws {
        func resolved(_ value: MaxFeatures, _ features: Int) throws -> Int {
            var configuration = ForestConfiguration(task: .classification)
            configuration.maxFeatures = value
            return try configuration.validated().resolvedMaxFeatures(featureCount: features)
        }
        #expect(try resolved(.sqrt, 32) == 5)
        #expect(try resolved(.log2, 32) == 5)
        #expect(try resolved(.all, 32) == 32)
        #expect(try resolved(.fraction(0.3), 10) == 3)
        #expect(try resolved(.fraction(0.01), 10) == 1)
        #expect(throws: ForestError.invalidParameter("maxFeatures must be at most the 4 features; got 5.")) {
            try resolved(.count(5), 4)
        }
    }

    @Test("maxSamples resolves like scikit-learn and rejects counts above the rows")
    func resolveMaxSamples() throws {
        var configuration = ForestConfiguration(task: .classification)
        configuration.maxSamples = .fraction(0.25)
        #expect(try configuration.validated().resolvedMaxSamples(rowCount: 10) == 2, "Python rounds 2.5 to even")
        configuration.maxSamples = .count(11)
        #expect(throws: ForestError.invalidParameter("maxSamples must be at most the 10 training rows; got 11.")) {
            try configuration.validated().resolvedMaxSamples(rowCount: 10)
        }
    }
}
