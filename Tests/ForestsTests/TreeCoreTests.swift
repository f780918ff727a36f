import NumericCore
import Testing
@testable import Forests

/// A splitter like Isolation Forest's: a random non-constant feature, a uniform
/// threshold between its minimum and maximum in the node.
struct RandomRangeSplitter: TreeSplitter {
    let columns: FeatureColumns
    var valueWidth: Int { 0 }

    func rootState(rows: UnsafeBufferPointer<Int32>) {}

    func summary(of state: Void, rows: UnsafeBufferPointer<Int32>) -> (weightedCount: Double, impurity: Double) {
        (Double(rows.count), 0)
    }

    func findSplit(for node: NodeContext, rows: UnsafeBufferPointer<Int32>, state: inout Void,
                   random: inout SeededRandom) -> NodeSplit? {
        var candidates: [(feature: Int, low: Float, high: Float)] = []
        for feature in 0 ..< columns.featureCount {
            let values = rows.map { columns.values[feature * columns.rowCount + Int($0)] }
            if let low = values.min(), let high = values.max(), low < high { candidates.append((feature, low, high)) }
        }
        guard !candidates.isEmpty else { return nil }
        let pick = candidates[random.nextIndex(below: candidates.count)]
        let threshold = Double(pick.low) + random.nextUnitDouble() * (Double(pick.high) - Double(pick.low))
        return NodeSplit(feature: pick.feature, threshold: Float.roundedDown(threshold),
                         missingGoesLeft: false, improvement: 1)
    }

    func childStates(of parent: consuming Void, split: NodeSplit, left: UnsafeBufferPointer<Int32>,
                     right: UnsafeBufferPointer<Int32>) -> (left: Void, right: Void) { ((), ()) }

    func finishLeaf(_ state: consuming Void, rows: UnsafeBufferPointer<Int32>, values: inout [Double]) {}
}

@Suite("Tree core")
struct TreeCoreTests {
    static func grow(
        _ x: Matrix<Float>, limits: TreeGrower<RandomRangeSplitter>.Limits = .init(), seed: UInt64 = 3
    ) -> Tree {
        let columns = FeatureColumns(x)
        var splitter = RandomRangeSplitter(columns: columns)
        var random = SeededRandom(seed: seed)
        return TreeGrower(columns: columns, limits: limits)
            .grow(rows: (0 ..< Int32(x.rows)).map { $0 }, splitter: &splitter, random: &random)
    }

    @Test("an isolation-style splitter grows to one row per leaf and records counts")
    func isolationStyle() {
        let x = TestData.synthetic(rows: 64, features: 3).x
        let tree = Self.grow(x)
        let leaves = (0 ..< tree.nodeCount).filter(tree.isLeaf)
        #expect(leaves.allSatisfy { tree.sampleCounts[$0] == 1 })
        #expect(tree.sampleCounts[0] == 64)
        #expect(tree.leafCount == 64 && tree.valueWidth == 0 && tree.leafValues.isEmpty)
        #expect(Set(tree.apply(x)).count == 64, "every training row is isolated in its own leaf")
    }

    @Test("the height limit stops growth and depths count from the root at 0")
    func heightLimit() {
        let tree = Self.grow(TestData.synthetic(rows: 256, features: 4).x, limits: .init(maxDepth: 8))
        let depths = tree.nodeDepths()
        #expect(depths[0] == 0)
        #expect(depths.max() == 8)
        for node in 0 ..< tree.nodeCount where !tree.isLeaf(node) { #expect(depths[node] < 8) }
    }

    @Test("depth-first growth numbers nodes in preorder")
    func preorder() {
        let tree = Self.grow(TestData.synthetic(rows: 50, features: 2).x)
        for node in 0 ..< tree.nodeCount where !tree.isLeaf(node) {
            #expect(tree.leftChildren[node] == Int32(node + 1))
        }
    }

    @Test("best-first growth keeps at most maxLeafNodes leaves", arguments: [2, 7, 20])
    func bestFirst(maxLeafNodes: Int) {
        let tree = Self.grow(TestData.synthetic(rows: 100, features: 3).x, limits: .init(maxLeafNodes: maxLeafNodes))
        #expect(tree.leafCount == maxLeafNodes)
        #expect(tree.nodeCount == 2 * maxLeafNodes - 1)
    }

    @Test("rows that reach each leaf are exactly the rows that trained it")
    func partitionsReproduce() {
        let x = TestData.synthetic(rows: 300, features: 3).x
        let tree = Self.grow(x, limits: .init(maxDepth: 5))
        var reached = [Int32](repeating: 0, count: tree.nodeCount)
        for leaf in tree.apply(x) { reached[Int(leaf)] += 1 }
        for node in 0 ..< tree.nodeCount where tree.isLeaf(node) { #expect(reached[node] == tree.sampleCounts[node]) }
    }

    @Test("a tree rebuilt from its arrays is equal and predicts the same leaves")
    func rebuild() throws {
        let x = TestData.synthetic(rows: 80, features: 3).x
        let tree = Self.grow(x, limits: .init(maxDepth: 4))
        let rebuilt = try Tree(
            leftChildren: tree.leftChildren, rightChildren: tree.rightChildren, features: tree.features,
            thresholds: tree.thresholds, missingGoesLeft: tree.missingGoesLeft, sampleCounts: tree.sampleCounts,
            weightedSampleCounts: tree.weightedSampleCounts, impurities: tree.impurities,
            leafValues: tree.leafValues, valueWidth: tree.valueWidth, featureCount: tree.featureCount)
        #expect(rebuilt == tree)
        #expect(rebuilt.apply(x) == tree.apply(x))
    }

    /// A stump: root splits feature 0 at 0.5, two leaves with one value each.
    static func stump(
        left: [Int32] = [1, -1, -1], right: [Int32] = [2, -1, -1], features: [Int32] = [0, -1, -1],
        thresholds: [Float] = [0.5, 0, 0], samples: [Int32] = [3, 1, 2], leafValues: [Double] = [1, 2]
    ) throws(ForestError) -> Tree {
        try Tree(leftChildren: left, rightChildren: right, features: features, thresholds: thresholds,
                 missingGoesLeft: [true, false, false], sampleCounts: samples,
                 leafValues: leafValues, valueWidth: 1, featureCount: 2)
    }

    @Test("rebuilding rejects inconsistent arrays with a message naming the problem")
    func rebuildValidation() throws {
        let stump = try Self.stump()
        #expect(stump.leafNode(for: [0.5, 0]) == 1 && stump.leafNode(for: [0.6, 0]) == 2)
        #expect(stump.leafNode(for: [.nan, 0]) == 1, "NaN follows missingGoesLeft")
        #expect(throws: ForestError.invalidData("Node 0 has child 3; children must be in 1..<3.")) {
            try Self.stump(right: [3, -1, -1])
        }
        #expect(throws: ForestError.invalidData("Node 0 splits on feature 2; expected 0..<2.")) {
            try Self.stump(features: [2, -1, -1])
        }
        #expect(throws: ForestError.invalidData("Leaf node 1 has feature 0; leaves must have -1.")) {
            try Self.stump(features: [0, 0, -1])
        }
        #expect(throws: ForestError.invalidData("Tree array thresholds has 2 entries; leftChildren has 3.")) {
            try Self.stump(thresholds: [0.5, 0])
        }
        #expect(throws: ForestError.invalidData("Tree has 2 leaves × 1 values = 2 leaf values; got 3.")) {
            try Self.stump(leafValues: [1, 2, 3])
        }
        #expect(throws: ForestError.invalidData("Children of node 0 hold 4 rows; the node holds 3.")) {
            try Self.stump(samples: [3, 2, 2])
        }
        #expect(throws: ForestError.invalidData("Node 0 has the same left and right child 1.")) {
            try Self.stump(left: [1, -1, -1], right: [1, -1, -1])
        }
        #expect(throws: ForestError.invalidData("Node 0 has a NaN threshold.")) {
            try Self.stump(thresholds: [.nan, 0, 0])
        }
    }

    @Test("Float thresholds round down, so Float comparison equals the Double one")
    func roundedDown() {
        let midpoint = (Double(Float(0.1)) + Double(Float(0.1).nextUp)) / 2
        let threshold = Float.roundedDown(midpoint)
        #expect(Double(threshold) <= midpoint)
        #expect(threshold == Float(0.1))
        #expect(splitThreshold(below: 1, above: .infinity) == 1)
        #expect(splitThreshold(below: 1, above: 3) == 2)
    }
}
