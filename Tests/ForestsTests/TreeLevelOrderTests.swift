import NumericCore
import Testing
@testable import Forests

@Suite("Trees in level order")
struct TreeLevelOrderTests {
    static func forest() throws -> RandomForestClassifier {
        let data = TestData.synthetic(rows: 300, features: 5, seed: 4)
        return try RandomForestClassifier(
            fitting: data.x, labels: data.labels, classNames: ["a", "b"],
            configuration: TestData.configuration(.classification, trees: 3))
    }

    @Test("a depth-first tree comes back from level order node for node")
    func roundTrip() throws {
        for tree in try Self.forest().trees {
            let level = tree.levelOrder(withSampleCounts: true)
            #expect(level.features.count == tree.nodeCount && level.thresholds.count == tree.nodeCount / 2)
            let copy = try Tree(levelOrder: level, valueWidth: tree.valueWidth, featureCount: tree.featureCount)
            #expect(copy.leftChildren == tree.leftChildren && copy.rightChildren == tree.rightChildren)
            #expect(copy.features == tree.features && copy.thresholds == tree.thresholds)
            #expect(copy.missingGoesLeft == tree.missingGoesLeft && copy.leafValues == tree.leafValues)
            #expect(copy.sampleCounts == tree.sampleCounts)
            let without = try Tree(
                levelOrder: tree.levelOrder(withSampleCounts: false), valueWidth: tree.valueWidth, featureCount: tree.featureCount)
            #expect(without.sampleCounts.isEmpty && without.leftChildren == tree.leftChildren)
        }
    }

    @Test("a regressor's tree (its one leaf value kept in the node) comes back from level order node for node")
    func regressorRoundTrip() throws {
        let data = TestData.synthetic(rows: 300, features: 5, seed: 5)
        let forest = try RandomForestRegressor(
            fitting: data.x, targets: data.targets, configuration: TestData.configuration(.regression, trees: 3))
        for tree in forest.trees {
            let copy = try Tree(levelOrder: tree.levelOrder(withSampleCounts: true), valueWidth: 1, featureCount: tree.featureCount)
            #expect(copy.leftChildren == tree.leftChildren && copy.rightChildren == tree.rightChildren)
            #expect(copy.features == tree.features && copy.thresholds == tree.thresholds)
            #expect(copy.missingGoesLeft == tree.missingGoesLeft && copy.leafValues == tree.leafValues)
            #expect(copy.sampleCounts == tree.sampleCounts && copy.packed == tree.packed)
        }
    }

    @Test("level order places the k-th split's children at 2k + 1 and 2k + 2")
    func childPositions() {
        // Root splits; its left child is a leaf, its right child splits into two leaves.
        let level = LevelOrderTree(features: [0, -1, 1, -1, -1], thresholds: [0.5, 1.5], missingGoesLeft: [1, 0],
                                   leafValues: [10, 20, 30], sampleCounts: [])
        let tree = try? Tree(levelOrder: level, valueWidth: 1, featureCount: 2)
        #expect(tree?.leftChildren == [1, -1, 3, -1, -1] && tree?.rightChildren == [2, -1, 4, -1, -1])
        #expect(tree?.leafValues == [10, 20, 30] && tree?.missingGoesLeft == [true, false, false, false, false])
    }

    @Test("a tree that is one leaf has one node in level order too")
    func singleLeaf() throws {
        let level = LevelOrderTree(features: [-1], thresholds: [], missingGoesLeft: [], leafValues: [4, 6], sampleCounts: [9])
        let tree = try Tree(levelOrder: level, valueWidth: 2, featureCount: 3)
        #expect(tree.nodeCount == 1 && tree.isLeaf(0) && tree.leafValues == [4, 6] && tree.sampleCounts == [9])
        #expect(tree.levelOrder(withSampleCounts: true) == level)
    }

    @Test("damaged level-order arrays are refused with the position", arguments: [
        (LevelOrderTree(features: [-1, 0, -1], thresholds: [0], missingGoesLeft: [0], leafValues: [1, 2], sampleCounts: []),
         "Split node 1 is not followed by its children at 1 and 2."),
        (LevelOrderTree(features: [0, 7, -1], thresholds: [0], missingGoesLeft: [0], leafValues: [1, 2], sampleCounts: []),
         "Tree has more split nodes than its 1 thresholds."),
        (LevelOrderTree(features: [3, -1, -1], thresholds: [0], missingGoesLeft: [0], leafValues: [1, 2], sampleCounts: []),
         "Node 0 splits on feature 3; expected 0..<2."),
        (LevelOrderTree(features: [0, -2, -1], thresholds: [0], missingGoesLeft: [0], leafValues: [1, 2], sampleCounts: []),
         "Node 1 has feature -2; leaves must have -1."),
        (LevelOrderTree(features: [0, -1, -1], thresholds: [.nan], missingGoesLeft: [0], leafValues: [1, 2], sampleCounts: []),
         "Node 0 has a NaN threshold."),
        (LevelOrderTree(features: [0, -1, -1], thresholds: [0], missingGoesLeft: [0], leafValues: [1, 2], sampleCounts: [5, 2, 2]),
         "Children of node 0 hold 4 rows; the node holds 5."),
    ])
    func damaged(level: LevelOrderTree, message: String) {
        #expect(throws: ForestError.invalidData(message)) { try Tree(levelOrder: level, valueWidth: 1, featureCount: 2) }
    }
}
