import NumericCore
import Testing
@testable import Forests

@Suite("8-byte packed nodes")
struct PackedTreeTests {
    /// Trees of every shape the layout must carry: depth-first (grown in preorder) and best-first
    /// (renumbered), grown on data whose missing cells send NaN left at some splits and right at others.
    static func forests() throws -> (x: Matrix<Float>, trees: [Tree]) {
        let data = TestData.synthetic(rows: 20_000, features: 3)
        var storage = data.x.storage
        // Missing cells in every feature, more often where the target is high, so splits learn both directions.
        for row in stride(from: 0, to: data.x.rows, by: 7) {
            let feature = (row / 7) % 3
            if (data.targets[row] > 0) == (feature != 1) { storage[row * 3 + feature] = .nan }
        }
        let x = try Matrix(rows: data.x.rows, columns: 3, storage: storage)
        let deep = try RandomForestRegressor(
            fitting: x, targets: data.targets,
            configuration: TestData.configuration(.regression, trees: 2) { $0.bootstrap = false })
        let bestFirst = try RandomForestRegressor(
            fitting: x, targets: data.targets,
            configuration: TestData.configuration(.regression, trees: 2) { $0.maxLeafNodes = 3_000 })
        return (x, deep.trees + bestFirst.trees)
    }

    /// Probe rows: training rows (with their NaN), and rows with NaN in each feature.
    static func probe(_ x: Matrix<Float>) throws -> Matrix<Float> {
        var probe = (0 ..< 2_083).map { x.row($0 * 9) }
        for row in 0 ..< 60 { probe[row][row % 3] = .nan }
        return try Matrix(probe)
    }

    /// The leaf of every row of `rows` in `range`, by the batch walk (AVX2 where the CPU has it).
    static func batchLeaves(_ tree: Tree, _ rows: Matrix<Float>, _ range: Range<Int>) -> [Int] {
        var reached: [Int] = []
        rows.withUnsafeBufferPointer { values in
            tree.withKernel { kernel in
                kernel.forEachLeaf(rows: range, values: values.baseAddress!, columns: rows.columns) { row, leaf in
                    #expect(row == range.lowerBound + reached.count)
                    reached.append(leaf)
                }
            }
        }
        return reached
    }

    @Test("the batch walk reaches the one-row walk's leaf for every row, NaN and short tails included")
    func sameLeaves() throws {
        let (x, trees) = try Self.forests()
        #expect(trees[0].nodeCount > 30_000, "large depth-first trees")
        #expect(trees[2].leafCount == 3_000, "best-first trees")
        #expect(trees.contains { $0.missingGoesLeft.contains(true) } && trees.contains { $0.missingGoesLeft.contains(false) })
        let rows = try Self.probe(x)
        for tree in trees {
            let expected = (0 ..< rows.rows).map { tree.leafNode(for: rows.row($0)) }
            #expect(expected.allSatisfy(tree.isLeaf))
            // Whole groups of 32, tails shorter than a group, and ranges not starting at row 0.
            for range in [0 ..< 2_083, 0 ..< 1, 5 ..< 36, 40 ..< 72, 100 ..< 133, 1_000 ..< 1_257, 2_050 ..< 2_083] {
                #expect(Self.batchLeaves(tree, rows, range) == Array(expected[range]), "rows \(range)")
            }
        }
    }

    @Test("best-first trees are renumbered in preorder with their statistics and leaf values")
    func bestFirstPreorder() throws {
        let (x, trees) = try Self.forests()
        let tree = trees[2]
        #expect(tree.leftChildren.enumerated().allSatisfy { $1 < 0 || $1 == Int32($0 + 1) })
        let rows = try Self.probe(x)
        // Sample counts and leaf values moved with their nodes: children add up, and each leaf's
        // value is the mean target of the training rows it holds.
        let left = tree.leftChildren, right = tree.rightChildren
        for node in 0 ..< tree.nodeCount where left[node] >= 0 {
            #expect(tree.sampleCounts[Int(left[node])] + tree.sampleCounts[Int(right[node])] == tree.sampleCounts[node])
        }
        let rebuilt = try Tree(
            leftChildren: left, rightChildren: right, features: tree.features, thresholds: tree.thresholds,
            missingGoesLeft: tree.missingGoesLeft, sampleCounts: tree.sampleCounts,
            weightedSampleCounts: tree.weightedSampleCounts, impurities: tree.impurities,
            leafValues: tree.leafValues, valueWidth: 1, featureCount: 3)
        #expect(rebuilt == tree)
        #expect(Self.batchLeaves(rebuilt, rows, 0 ..< rows.rows) == Self.batchLeaves(tree, rows, 0 ..< rows.rows))
    }

    @Test("a split packs threshold, feature, NaN direction, leaf flags and distance; a leaf packs its value")
    func encoding() throws {
        let tree = try TreeCoreTests.stump()
        #expect(tree.packed.count == 3 && tree.layout.featureBits == 1)
        #expect(UInt32(truncatingIfNeeded: tree.packed[0]) == Float(0.5).bitPattern)
        // Feature 0 (1 bit), NaN left (bit 1), left leaf (bit 2), right leaf (bit 3), distance 2 from bit 4.
        #expect(UInt32(tree.packed[0] >> 32) == 0b1110 | 2 << 4)
        #expect(tree.packed[1] == Double(1).bitPattern && tree.packed[2] == Double(2).bitPattern)
        #expect(tree.separateLeafValues.isEmpty && tree.leafValues == [1, 2])
        #expect(tree.leafOrdinal(ofNode: 2) == 1 && tree.leafValues(ofNode: 2) == [2])
    }

    @Test("feature bits are as few as the feature count needs")
    func featureBits() {
        #expect(PackedNodeLayout(featureCount: 1).featureBits == 1)
        #expect(PackedNodeLayout(featureCount: 2).featureBits == 1)
        #expect(PackedNodeLayout(featureCount: 32).featureBits == 5)
        #expect(PackedNodeLayout(featureCount: 33).featureBits == 6)
        #expect(PackedNodeLayout(featureCount: 32).distanceLimit == (1 << 24) - 1)
        #expect(throws: ForestError.self) {
            try Tree(leftChildren: [-1], rightChildren: [-1], features: [-1], thresholds: [0], missingGoesLeft: [false],
                     sampleCounts: [1], leafValues: [1], valueWidth: 1, featureCount: (1 << 26) + 1)
        }
    }

    @Test("right children too far for the distance bits are kept aside, and walks reach the same leaves")
    func farRightChildren() throws {
        let (x, trees) = try Self.forests()
        let rows = try Self.probe(x)
        for tree in trees {
            // 26 feature bits leave 3 distance bits: every right child more than 7 nodes away is far.
            let far = Tree(
                nodes: tree.unpackedNodes(), sampleCounts: tree.sampleCounts, weightedSampleCounts: tree.weightedSampleCounts,
                impurities: tree.impurities, leafValues: tree.leafValues, valueWidth: 1, featureCount: 3,
                layout: PackedNodeLayout(featureBits: 26))
            #expect(far.farRightChildren.count > 500)
            #expect(far.rightChildren == tree.rightChildren && far.leafValues == tree.leafValues)
            #expect(far.nodeDepths() == tree.nodeDepths())
            #expect(Self.batchLeaves(far, rows, 0 ..< rows.rows) == Self.batchLeaves(tree, rows, 0 ..< rows.rows))
            #expect(far.levelOrder(withSampleCounts: true) == tree.levelOrder(withSampleCounts: true))
        }
    }

    @Test("a tree read from level order keeps its far right children aside too")
    func farRightChildrenFromLevelOrder() throws {
        let (_, trees) = try Self.forests()
        for tree in trees {
            let level = tree.levelOrder(withSampleCounts: true)
            // 2²⁶ features take 26 bits, leaving 3 bits of distance, so most right children are far.
            let wide = try Tree(levelOrder: level, valueWidth: 1, featureCount: 1 << 26)
            #expect(wide.farRightChildren.count > 500)
            #expect(wide.rightChildren == tree.rightChildren && wide.features == tree.features)
            #expect(wide.thresholds == tree.thresholds && wide.missingGoesLeft == tree.missingGoesLeft)
            #expect(wide.leafValues == tree.leafValues && wide.sampleCounts == tree.sampleCounts)
            #expect(wide.levelOrder(withSampleCounts: true) == level)
        }
    }

    @Test("classifier leaves hold their ordinal and the class fractions are kept aside")
    func separateValues() throws {
        let tree = try Tree(
            leftChildren: [1, -1, -1], rightChildren: [2, -1, -1], features: [0, -1, -1], thresholds: [0.5, 0, 0],
            missingGoesLeft: [false, false, false], sampleCounts: [3, 1, 2], leafValues: [1, 0, 0.5, 0.5],
            valueWidth: 2, featureCount: 1)
        #expect(tree.packed[1] == 0 && tree.packed[2] == 1)
        #expect(tree.separateLeafValues == [1, 0, 0.5, 0.5] && tree.leafValues(ofNode: 2) == [0.5, 0.5])
    }

    @Test("a regressor's nodes take 8 bytes each, leaf values and leaf flags included")
    func footprint() throws {
        let (_, trees) = try Self.forests()
        for tree in trees {
            #expect(tree.packed.count == tree.nodeCount && tree.separateLeafValues.isEmpty)
            // Leaf flags live in the splits only: the descent from the root and the one-pass
            // flags agree, and a leaf is exactly a node the walk of some row can end at.
            let flags = tree.leafFlags()
            #expect((0 ..< tree.nodeCount).filter { flags[$0] }.count == tree.leafCount)
            for node in stride(from: 0, to: tree.nodeCount, by: 37) { #expect(tree.isLeaf(node) == flags[node], "node \(node)") }
        }
        let x = try Matrix<Float>([[0.6, 1.5], [0.5, 1.5]])
        let stump = try TreeCoreTests.stump()
        #expect(stump.isLeaf(0) == false && stump.isLeaf(1) && stump.isLeaf(2))
        #expect(stump.apply(x) == [2, 1])
        let single = try Tree(leftChildren: [-1], rightChildren: [-1], features: [-1], thresholds: [0], missingGoesLeft: [false],
                              sampleCounts: [1], leafValues: [4], valueWidth: 1, featureCount: 1)
        #expect(single.isLeaf(0) && single.leafValues == [4] && single.nodeDepths() == [0])
    }
}
