import NumericCore
import Testing
@testable import Forests

@Suite("Count limits are checked before anything is allocated")
struct ForestLimitsTests {
    static func treesMessage(_ value: Int) -> String {
        "trees must be an integer in [1, 100000]; got \(value). The limit keeps memory bounded (every tree stays in "
            + "memory); 100000 trees is far past the point where more trees change the results."
    }

    static func threadsMessage(_ value: Int) -> String {
        "threads must be an integer in [1, 1024] or none; got \(value). 1024 is more than any machine's cores, "
            + "and every thread holds its own work buffers."
    }

    @Test("a huge tree count is refused by every forest's validated()", arguments: [99_999_999_999, 100_001, Int.max])
    func hugeTrees(trees: Int) {
        let message = ForestError.invalidParameter(Self.treesMessage(trees))
        for task in ForestTask.allCases {
            var forest = ForestConfiguration(task: task)
            forest.trees = trees
            #expect(throws: message) { try forest.validated() }
        }
        var isolation = IsolationForest.Configuration()
        isolation.trees = trees
        #expect(throws: message) { try isolation.validated() }
        var extended = ExtendedIsolationForest.Configuration()
        extended.trees = trees
        #expect(throws: message) { try extended.validated() }
    }

    @Test("the largest allowed counts validate")
    func limitsValidate() throws {
        var forest = ForestConfiguration(task: .regression)
        forest.trees = ForestLimits.maximumTrees
        forest.threads = ForestLimits.maximumThreads
        #expect(try forest.validated().threadCount == 1024)
        var isolation = IsolationForest.Configuration()
        isolation.trees = ForestLimits.maximumTrees
        isolation.threads = ForestLimits.maximumThreads
        #expect(try isolation.validated().threads == 1024)
        #expect(try ForestConfiguration(task: .regression).validated().threadCount <= ForestLimits.maximumThreads)
    }

    @Test("a huge thread count is refused by every forest's validated()", arguments: [Int.max, 4_611_686_018_427_387_904, 1025])
    func hugeThreads(threads: Int) {
        let message = ForestError.invalidParameter(Self.threadsMessage(threads))
        var forest = ForestConfiguration(task: .classification)
        forest.threads = threads
        #expect(throws: message) { try forest.validated() }
        var isolation = IsolationForest.Configuration()
        isolation.threads = threads
        #expect(throws: message) { try isolation.validated() }
        var extended = ExtendedIsolationForest.Configuration()
        extended.threads = threads
        #expect(throws: message) { try extended.validated() }
    }

    @Test("prediction refuses a huge thread count instead of overflowing", arguments: [Int.max, 4_611_686_018_427_387_904, 0])
    func predictionThreads(threads: Int) throws {
        let data = TestData.synthetic(rows: 200, features: 3)
        let message = ForestError.invalidParameter(threads < 1
            ? "threads must be an integer in [1, 1024] or none; got \(threads)." : Self.threadsMessage(threads))
        let classifier = try RandomForestClassifier(
            fitting: data.x, labels: data.labels, classNames: ["0", "1"], configuration: TestData.configuration(.classification))
        #expect(throws: message) { try classifier.predict(data.x, threads: threads) }
        #expect(throws: message) { try classifier.predictProbabilities(data.x, threads: threads) }
        let regressor = try RandomForestRegressor(
            fitting: data.x, targets: data.targets, configuration: TestData.configuration(.regression))
        #expect(throws: message) { try regressor.predict(data.x, threads: threads) }
        #expect(throws: message) { try regressor.predictWithSpread(data.x, threads: threads) }
        var settings = IsolationForest.Configuration()
        settings.trees = 5
        settings.threads = 1
        let isolation = try IsolationForest.fit(data.x, configuration: settings.validated())
        #expect(throws: message) { try isolation.scores(data.x, threads: threads) }
        var extendedSettings = ExtendedIsolationForest.Configuration()
        extendedSettings.trees = 5
        extendedSettings.threads = 1
        let extended = try ExtendedIsolationForest.fit(data.x, configuration: extendedSettings.validated())
        #expect(throws: message) { try extended.scores(data.x, threads: threads) }
    }

    @Test("block and chunk arithmetic does not overflow for any thread count or chunk")
    func arithmetic() {
        #expect(ForestPrediction.blockRows(rows: 50_000, threads: .max) == 1024)
        #expect(ForestPrediction.blockRows(rows: .max, threads: .max) == 1024)
        #expect(ForestPrediction.blockRows(rows: 50_000, threads: 2) == 12_500)
        var seen: [Range<Int>] = []
        parallelChunks(count: 10, chunk: .max, threads: 4) { seen.append($0) }
        #expect(seen == [0 ..< 10])
    }

    @Test("growth bounds as large as Int.max are harmless: nothing is sized by them")
    func growthBounds() throws {
        let data = TestData.synthetic(rows: 300, features: 3)
        func predictions(_ change: @escaping (inout ForestConfiguration) -> Void) throws -> [Int] {
            let configuration = try TestData.configuration(.classification, trees: 3, change: change)
            return try RandomForestClassifier(fitting: data.x, labels: data.labels, classNames: ["0", "1"], configuration: configuration)
                .predict(data.x)
        }
        #expect(try predictions { $0.maxDepth = .max } == predictions { _ in })
        // Best-first growth with more leaves allowed than 300 rows can make equals any such cap.
        #expect(try predictions { $0.maxLeafNodes = .max } == predictions { $0.maxLeafNodes = 1000 })
        let stump = try TestData.configuration(.regression, trees: 2) { $0.minSamplesSplit = .max; $0.minSamplesLeaf = .max }
        let regressor = try RandomForestRegressor(fitting: data.x, targets: data.targets, configuration: stump)
        #expect(Set(try regressor.predict(data.x)).count <= 2)
    }

    @Test("sample counts beyond the data are refused or capped at fit time, never allocated")
    func sampleCounts() throws {
        let data = TestData.synthetic(rows: 100, features: 3)
        let forest = try TestData.configuration(.regression, trees: 2) { $0.maxSamples = .count(.max) }
        #expect(throws: ForestError.invalidParameter("maxSamples must be at most the 100 training rows; got \(Int.max).")) {
            try RandomForestRegressor(fitting: data.x, targets: data.targets, configuration: forest)
        }
        var isolation = IsolationForest.Configuration()
        isolation.trees = 2
        isolation.maxSamples = .count(.max)
        isolation.threads = 1
        #expect(try IsolationForest.fit(data.x, configuration: isolation.validated()).sampleSize == 100)
    }
}
