import NumericCore
import Testing
@testable import Forests

/// The loader's way into `Tree(levelOrder:…)`: slices as a model file stores them (narrow
/// features, NaN directions as bits from any bit) and scratch reused from tree to tree.
@Suite("Trees from level-order slices")
struct TreeLevelOrderSlicesTests {
    /// `level` as stored slices: features `featureBytes` wide, NaN bits from `firstBit`, the
    /// bits around them set, so that a reader of a wrong bit sees it.
    static func slices(_ level: LevelOrderTree, featureBytes: Int, firstBit: Int) -> LevelOrderSlices {
        let splits = level.missingGoesLeft.count
        var bits = [UInt8](repeating: 0, count: (firstBit + splits + 7) / 8)
        for bit in 0 ..< bits.count * 8 {
            let split = bit - firstBit
            let set = split < 0 || split >= splits || level.missingGoesLeft[split] != 0
            if set { bits[bit >> 3] |= 1 << UInt8(bit & 7) }
        }
        let features: LevelOrderSlices.Features = switch featureBytes {
        case 1: .int8(level.features.map { Int8($0) })
        case 2: .int16(level.features.map { Int16($0) })
        default: .int32(level.features)
        }
        return LevelOrderSlices(
            features: features, thresholds: level.thresholds, missingBits: bits, firstMissingBit: firstBit,
            leafValues: level.leafValues, sampleCounts: level.sampleCounts)
    }

    /// Trees of a regressor (one value per leaf, kept in the node) and a classifier (two, kept apart).
    static func trees() throws -> [Tree] {
        let data = TestData.synthetic(rows: 400, features: 6, seed: 9)
        let regressor = try RandomForestRegressor(
            fitting: data.x, targets: data.targets, configuration: TestData.configuration(.regression, trees: 4))
        let classifier = try RandomForestClassifier(
            fitting: data.x, labels: data.labels, classNames: ["a", "b"],
            configuration: TestData.configuration(.classification, trees: 4))
        return regressor.trees + classifier.trees
    }

    @Test("slices of every feature width and first NaN bit build the tree level order builds, with one scratch")
    func sameTree() throws {
        var scratch = LevelOrderScratch()
        // Large and small trees alternate, so each reuses scratch a larger tree left behind.
        let trees = try Self.trees().sorted { $0.nodeCount < $1.nodeCount }
        let order = zip(trees.reversed(), trees).flatMap { [$0, $1] }
        for (number, tree) in order.enumerated() {
            for withSampleCounts in [false, true] {
                let level = tree.levelOrder(withSampleCounts: withSampleCounts)
                let expected = try Tree(levelOrder: level, valueWidth: tree.valueWidth, featureCount: tree.featureCount)
                for featureBytes in [1, 2, 4] {
                    let slices = Self.slices(level, featureBytes: featureBytes, firstBit: number % 8)
                    let built = try Tree(
                        levelOrder: slices, valueWidth: tree.valueWidth, featureCount: tree.featureCount, scratch: &scratch)
                    #expect(built == expected, "tree \(number), \(featureBytes)-byte features")
                }
            }
        }
    }

    @Test("damaged slices are refused with the messages of damaged level-order arrays", arguments: [
        (LevelOrderTree(features: [-1, 0, -1], thresholds: [0], missingGoesLeft: [0], leafValues: [1, 2], sampleCounts: []),
         "Split node 1 is not followed by its children at 1 and 2."),
        (LevelOrderTree(features: [0, 1, -1], thresholds: [0], missingGoesLeft: [0], leafValues: [1, 2], sampleCounts: []),
         "Tree has more split nodes than its 1 thresholds."),
        (LevelOrderTree(features: [0, -1, -1, -1, -1], thresholds: [0, 1], missingGoesLeft: [0, 0], leafValues: [1, 2, 3],
                        sampleCounts: []),
         "Tree has 1 split nodes but 2 thresholds."),
        (LevelOrderTree(features: [0, -1, 3, -1, -1], thresholds: [0, 1], missingGoesLeft: [0, 0], leafValues: [1, 2, 3],
                        sampleCounts: []),
         "Node 2 splits on feature 3; expected 0..<2."),
        (LevelOrderTree(features: [0, -1, -2], thresholds: [0], missingGoesLeft: [0], leafValues: [1, 2], sampleCounts: []),
         "Node 2 has feature -2; leaves must have -1."),
        (LevelOrderTree(features: [0, 1, -1, -1, -1], thresholds: [0, .nan], missingGoesLeft: [0, 0], leafValues: [1, 2, 3],
                        sampleCounts: []),
         "Node 1 has a NaN threshold."),
        (LevelOrderTree(features: [0, -1, -1], thresholds: [0], missingGoesLeft: [0], leafValues: [1, 2], sampleCounts: [5, 2, 2]),
         "Children of node 0 hold 4 rows; the node holds 5."),
    ])
    func damaged(level: LevelOrderTree, message: String) {
        #expect(throws: ForestError.invalidData(message)) { try Tree(levelOrder: level, valueWidth: 1, featureCount: 2) }
        var scratch = LevelOrderScratch()
        for featureBytes in [1, 2, 4] {
            #expect(throws: ForestError.invalidData(message)) {
                try Tree(levelOrder: Self.slices(level, featureBytes: featureBytes, firstBit: 3), valueWidth: 1,
                         featureCount: 2, scratch: &scratch)
            }
        }
    }

    @Test("NaN bits that do not cover the splits are refused")
    func shortBits() {
        let level = LevelOrderTree(features: [0, -1, 1, -1, -1], thresholds: [0, 1], missingGoesLeft: [0, 1],
                                   leafValues: [1, 2, 3], sampleCounts: [])
        var slices = Self.slices(level, featureBytes: 1, firstBit: 7)
        slices.missingBits.removeLast()
        var scratch = LevelOrderScratch()
        #expect(throws: ForestError.invalidData(
            "Tree has 2 splits, whose missing-value directions from bit 7 take 2 bytes; got 1.")) {
            try Tree(levelOrder: slices, valueWidth: 1, featureCount: 2, scratch: &scratch)
        }
        slices = Self.slices(level, featureBytes: 1, firstBit: 0)
        slices.firstMissingBit = 8
        #expect(throws: ForestError.invalidData("A tree's first missing-value bit must be in 0..<8; got 8.")) {
            try Tree(levelOrder: slices, valueWidth: 1, featureCount: 2, scratch: &scratch)
        }
    }
}
