import NumericCore
import Testing
@testable import Forests

@Suite("Random Forest regressor")
struct RandomForestRegressorTests {
    @Test("one tree on a step function finds the step and leaf means", arguments: SplitMethod.allCases)
    func knownSplit(splitter: SplitMethod) throws {
        let x = try Matrix<Float>([[0], [1], [2], [3], [4], [5]])
        let model = try RandomForestRegressor(
            fitting: x, targets: [1, 1, 1, 5, 5, 5],
            configuration: TestData.configuration(.regression, trees: 1, splitter: splitter) { $0.bootstrap = false })
        let tree = model.trees[0]
        #expect(tree.nodeCount == 3 && tree.thresholds[0] == 2.5 && tree.leafValues == [1, 5])
        #expect(tree.impurities[0] == 4)
        #expect(try model.predict(try Matrix([[2.5], [2.6]])) == [1, 5])
    }

    @Test("batch prediction (AVX2 lockstep walks where available) reaches the leaves of one-row walks")
    func batchWalks() throws {
        let data = TestData.synthetic(rows: 20_000, features: 3)
        let model = try RandomForestRegressor(
            fitting: data.x, targets: data.targets,
            configuration: TestData.configuration(.regression, trees: 2) { $0.bootstrap = false })
        #expect(model.trees.allSatisfy { $0.nodeCount > 30_000 })
        // Probe rows of every shape: training rows, NaN in each feature, and tails shorter than the kernel's 32 rows.
        var probe = (0 ..< 2_083).map { data.x.row($0 * 9) }
        for row in 0 ..< 30 { probe[row][row % 3] = .nan }
        let x = try Matrix(probe)
        let (mean, _) = try model.predictWithSpread(x, threads: 2)
        let predicted = try model.predict(x, threads: 2)
        for (row, values) in probe.enumerated() {
            let expected = model.trees.map { $0.leafValues(ofNode: $0.leafNode(for: values)).first! }.reduce(0, +) / 2
            #expect(predicted[row] == expected && mean[row] == expected, "row \(row)")
        }
    }

    @Test("spread is the standard deviation of the trees' predictions")
    func spread() throws {
        let data = TestData.synthetic(rows: 300, features: 3)
        let model = try RandomForestRegressor(
            fitting: data.x, targets: data.targets, configuration: TestData.configuration(.regression, trees: 7))
        let probe = data.x.selectingRows(0 ..< 20)
        let (mean, deviation) = try model.predictWithSpread(probe)
        #expect(try model.predict(probe).enumerated().allSatisfy { abs($1 - mean[$0]) < 1e-12 })
        for row in 0 ..< 20 {
            let values = model.trees.map { $0.leafValues(ofNode: $0.leafNode(for: probe.row(row))).first! }
            let average = values.reduce(0, +) / 7
            let expected = (values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / 7).squareRoot()
            #expect(abs(deviation[row] - expected) < 1e-9)
        }
    }

    @Test("the same seed gives the identical forest on 1 and 2 threads (histogram subtraction path)")
    func threadIndependence() throws {
        let data = TestData.synthetic(rows: 1500, features: 5)
        let models = try [1, 2].map { threads in
            try RandomForestRegressor(
                fitting: data.x, targets: data.targets,
                configuration: TestData.configuration(.regression, trees: 4, threads: threads))
        }
        #expect(models[0].trees == models[1].trees)
        #expect(models[0].outOfBagScore! > 0.8)
    }

    @Test("histogram splits reproduce the training partition exactly")
    func exactPartitions() throws {
        let data = TestData.synthetic(rows: 1500, features: 4)
        let model = try RandomForestRegressor(
            fitting: data.x, targets: data.targets,
            configuration: TestData.configuration(.regression, trees: 1) { $0.bootstrap = false })
        let tree = model.trees[0]
        var reached = [Int32](repeating: 0, count: tree.nodeCount)
        for leaf in tree.apply(data.x) { reached[Int(leaf)] += 1 }
        for node in 0 ..< tree.nodeCount where tree.isLeaf(node) { #expect(reached[node] == tree.sampleCounts[node]) }
        let fitted = try model.predict(data.x)
        #expect(zip(fitted, data.targets).allSatisfy { abs($0 - $1) < 1e-9 }, "pure leaves reproduce the targets")
    }

    @Test("constant targets give single-leaf trees and non-finite targets are rejected")
    func degenerate() throws {
        let x = TestData.synthetic(rows: 30, features: 2).x
        let model = try RandomForestRegressor(
            fitting: x, targets: Array(repeating: 0.1, count: 30), configuration: TestData.configuration(.regression))
        #expect(model.trees.allSatisfy { $0.nodeCount == 1 })
        var targets = Array(repeating: 1.0, count: 30)
        targets[4] = .nan
        #expect(throws: ForestError.invalidData("Target at row 4 is nan; targets must be finite numbers.")) {
            try RandomForestRegressor(fitting: x, targets: targets, configuration: TestData.configuration(.regression))
        }
    }

    @Test("a forest rebuilt from its arrays predicts identical values")
    func rebuild() throws {
        let data = TestData.synthetic(rows: 500, features: 4)
        let model = try RandomForestRegressor(
            fitting: data.x, targets: data.targets, configuration: TestData.configuration(.regression, trees: 5))
        let rebuilt = try RandomForestRegressor(
            trees: model.trees.map { tree in
                try Tree(leftChildren: tree.leftChildren, rightChildren: tree.rightChildren, features: tree.features,
                         thresholds: tree.thresholds, missingGoesLeft: tree.missingGoesLeft,
                         sampleCounts: tree.sampleCounts, leafValues: tree.leafValues,
                         valueWidth: 1, featureCount: tree.featureCount)
            },
            featureCount: 4, configuration: model.configuration, featureImportances: model.featureImportances,
            outOfBagScore: model.outOfBagScore)
        #expect(try rebuilt.predictWithSpread(data.x) == model.predictWithSpread(data.x))
        let importance = try model.permutationImportance(x: data.x, targets: data.targets, repeats: 1)
        #expect(importance.meanDecrease[0] > importance.meanDecrease[3])
    }
}
