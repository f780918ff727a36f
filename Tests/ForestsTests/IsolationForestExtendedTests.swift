import Testing
import NumericCore
@testable import Forests

@Suite("Extended Isolation Forest")
struct IsolationForestExtendedTests {
    static func configuration(
        trees: Int = 50, level: ExtendedIsolationForest.ExtensionLevel = .full, threads: Int = 1, seed: UInt64 = 3
    ) throws -> ExtendedIsolationForest.ValidatedConfiguration {
        var configuration = ExtendedIsolationForest.Configuration()
        configuration.trees = trees
        configuration.extensionLevel = level
        configuration.threads = threads
        configuration.seed = seed
        return try configuration.validated()
    }

    @Test("planted outliers score above inliers", arguments: [
        ExtendedIsolationForest.ExtensionLevel.level(0), .level(1), .full,
    ])
    func plantedOutliers(level: ExtendedIsolationForest.ExtensionLevel) throws {
        let (data, labels) = IsolationFixtures.planted()
        let model = try ExtendedIsolationForest.fit(data, configuration: Self.configuration(level: level))
        let scores = try model.scores(data)
        #expect(IsolationFixtures.rocAUC(scores, labels) > 0.99)
        let outlierMinimum = zip(scores, labels).filter(\.1).map(\.0).min()!
        #expect(outlierMinimum > 0.5)
    }

    @Test("the same seed gives the same model and scores for 1, 2 and 3 threads")
    func threadIndependence() throws {
        let (data, _) = IsolationFixtures.planted(inliers: 1500)
        let models = try [1, 2, 3].map { threads in
            try ExtendedIsolationForest.fit(data, configuration: Self.configuration(threads: threads))
        }
        let scores = try models.map { try $0.scores(data, threads: 3) }
        for model in models.dropFirst() {
            #expect(model.normals == models[0].normals)
            #expect(model.intercepts == models[0].intercepts)
            #expect(model.leftChildren == models[0].leftChildren)
        }
        #expect(scores[1] == scores[0] && scores[2] == scores[0])
        #expect(try models[0].scores(data, threads: 1) == scores[0])
    }

    @Test("lockstep and matrix-product scoring equal the reference walk, NaN and ∞ rows included",
          arguments: [ExtendedIsolationForest.ExtensionLevel.level(0), .level(2), .full])
    func scoringPathsAgree(level: ExtendedIsolationForest.ExtensionLevel) throws {
        var (data, _) = IsolationFixtures.planted(inliers: 1200)
        data[5, 1] = .nan
        data[700, 3] = .nan
        let model = try ExtendedIsolationForest.fit(data, configuration: Self.configuration(level: level))
        data[9, 0] = .infinity
        data[10, 2] = -.infinity
        let reference = try model.scores(data, method: .reference, threads: 2)
        #expect(try model.scores(data, method: .lockstep, threads: 2) == reference)
        #expect(try model.scores(data, method: .matrixProducts, threads: 2) == reference)
        #expect(try model.scores(data) == reference)
    }

    @Test("extension level sets the number of non-zero normal components", arguments: [0, 1, 3])
    func extensionLevel(level: Int) throws {
        let (data, _) = IsolationFixtures.planted()
        let model = try ExtendedIsolationForest.fit(data, configuration: Self.configuration(trees: 10, level: .level(level)))
        for node in 0 ..< model.nodeCount where model.leftChildren[node] >= 0 {
            let normal = model.normals[node * 4 ..< node * 4 + 4]
            #expect(normal.count { $0 != 0 } == level + 1)
        }
    }

    @Test("an extension level of d or more is rejected naming the range")
    func extensionLevelTooHigh() throws {
        let (data, _) = IsolationFixtures.planted()
        #expect(throws: ForestError.invalidParameter("extensionLevel must be in 0 … 3 for 4 features; got 4.")) {
            try ExtendedIsolationForest.fit(data, configuration: Self.configuration(level: .level(4)))
        }
        var configuration = ExtendedIsolationForest.Configuration()
        configuration.extensionLevel = .level(-1)
        #expect(throws: ForestError.invalidParameter("extensionLevel must be 'full' or an integer ≥ 0; got -1.")) {
            try configuration.validated()
        }
    }

    @Test("contamination flags the requested fraction of training rows ± 1", arguments: [0.02, 0.1, 0.25])
    func contamination(fraction: Double) throws {
        let (data, _) = IsolationFixtures.planted(inliers: 990)
        var configuration = ExtendedIsolationForest.Configuration()
        configuration.contamination = .fraction(fraction)
        configuration.trees = 30
        let model = try ExtendedIsolationForest.fit(data, configuration: configuration.validated())
        let flagged = try model.scores(data).count { $0 > -model.offset }
        #expect(abs(Double(flagged) - fraction * 1000) <= 1)
    }

    @Test("degenerate data: one row, fewer rows than ψ, duplicates, constant columns")
    func degenerateData() throws {
        let one = try Matrix<Float>([[1, 2, 3]])
        let single = try ExtendedIsolationForest.fit(one, configuration: Self.configuration(trees: 5))
        #expect(single.sampleSize == 1 && single.nodeCount == 5)
        #expect(try single.scores(one) == [0.5])

        let duplicates = try Matrix<Float>(Array(repeating: [4, 4, 4], count: 40))
        let flat = try ExtendedIsolationForest.fit(duplicates, configuration: Self.configuration(trees: 5))
        #expect(flat.nodeCount == 5)
        #expect(try flat.scores(duplicates).allSatisfy { $0 == 0.5 })

        var rows: [[Float]] = (0 ..< 30).map { [Float($0), 7, 7] }
        rows.append([300, 7, 7])
        let constantColumns = try Matrix<Float>(rows)
        let model = try ExtendedIsolationForest.fit(constantColumns, configuration: Self.configuration())
        #expect(model.sampleSize == 31)
        for node in 0 ..< model.nodeCount {
            #expect(model.normals[node * 3 + 1] == 0 && model.normals[node * 3 + 2] == 0)
        }
        let scores = try model.scores(constantColumns)
        #expect(scores[30] == scores.max())
    }

    @Test("infinite training values and empty matrices are rejected")
    func invalidTrainingData() throws {
        var data = try Matrix<Float>([[1, 2], [3, 4]])
        data[1, 0] = .infinity
        #expect(throws: ForestError.invalidData(
            "training value at row 1, feature 0 is infinite; expected a finite number or NaN.")) {
            try ExtendedIsolationForest.fit(data, configuration: Self.configuration())
        }
        #expect(throws: ForestError.invalidData("training data has 0 rows × 2 features; expected at least 1 × 1.")) {
            try ExtendedIsolationForest.fit(Matrix(rows: 0, columns: 2), configuration: Self.configuration())
        }
    }

    @Test("scoring data with the wrong width is rejected")
    func wrongWidth() throws {
        let (data, _) = IsolationFixtures.planted()
        let model = try ExtendedIsolationForest.fit(data, configuration: Self.configuration(trees: 3))
        #expect(throws: ForestError.invalidData("model expects 4 features; the data has 3.")) {
            try model.scores(Matrix(rows: 2, columns: 3))
        }
    }

    @Test("the planted feature explains the outliers")
    func explanations() throws {
        let (data, _) = IsolationFixtures.planted()
        let model = try ExtendedIsolationForest.fit(data, configuration: Self.configuration(level: .level(1)))
        for row in 500 ..< 510 {
            let shares = try model.contributions(of: data, row: row)
            #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
            #expect(try model.topContributions(of: data, row: row, count: 1).first?.feature == 2)
        }
    }

    @Test("a model rebuilt from its arrays scores identically")
    func rebuild() throws {
        let (data, _) = IsolationFixtures.planted()
        let model = try ExtendedIsolationForest.fit(data, configuration: Self.configuration())
        let rebuilt = try ExtendedIsolationForest(
            featureCount: model.featureCount, sampleSize: model.sampleSize, extensionLevel: model.extensionLevel,
            treeOffsets: model.treeOffsets, leftChildren: model.leftChildren, rightChildren: model.rightChildren,
            normals: model.normals, intercepts: model.intercepts, missingGoesLeft: model.missingGoesLeft,
            nodeSamples: model.nodeSamples, configuration: model.configuration, offset: model.offset)
        #expect(try rebuilt.scores(data) == model.scores(data))
    }

    @Test("inconsistent arrays are rejected naming the problem")
    func rebuildValidation() throws {
        let (data, _) = IsolationFixtures.planted()
        let model = try ExtendedIsolationForest.fit(data, configuration: Self.configuration(trees: 2))
        func rebuild(
            offsets: [Int]? = nil, left: [Int32]? = nil, samples: [Int32]? = nil, normals: [Float]? = nil
        ) throws {
            _ = try ExtendedIsolationForest(
                featureCount: 4, sampleSize: model.sampleSize, extensionLevel: 3,
                treeOffsets: offsets ?? model.treeOffsets, leftChildren: left ?? model.leftChildren,
                rightChildren: model.rightChildren, normals: normals ?? model.normals, intercepts: model.intercepts,
                missingGoesLeft: model.missingGoesLeft, nodeSamples: samples ?? model.nodeSamples,
                configuration: model.configuration)
        }
        let nodes = model.nodeCount
        #expect(throws: ForestError.invalidData("treeOffsets ends at \(nodes - 1); the node arrays hold \(nodes) nodes.")) {
            try rebuild(offsets: [0, model.treeOffsets[1], nodes - 1])
        }
        var cyclic = model.leftChildren
        cyclic[1] = 0
        #expect(throws: ForestError.invalidData(
            "node 1 of tree 0 has child 0; expected an id in 2 ..< \(model.treeOffsets[1]) (preorder), or −1 for both at a leaf.")) {
            try rebuild(left: cyclic)
        }
        var counts = model.nodeSamples
        counts[0] += 1
        #expect(throws: ForestError.invalidData(
            "node 0 has \(counts[0]) samples but its children hold \(counts[1]) + \(counts[Int(model.rightChildren[0])]); expected the sum.")) {
            try rebuild(samples: counts)
        }
        #expect(throws: ForestError.invalidData("normals has 3 entries; expected nodes × features = \(nodes) × 4.")) {
            try rebuild(normals: [1, 2, 3])
        }
    }
}
