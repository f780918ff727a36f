import NumericCore
import Testing
@testable import Forests

@Suite("8-byte prediction nodes")
struct CompactTreeTests {
    /// Trees of every shape the layout must carry: depth-first (already preorder) and best-first
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

    @Test("the AVX2 walk over 8-byte nodes reaches the one-row walk's leaf for every row, NaN and short tails included")
    func sameLeaves() throws {
        let (x, trees) = try Self.forests()
        #expect(trees[0].nodeCount > 30_000, "large depth-first trees")
        #expect(trees[2].leafCount == 3_000, "best-first trees")
        #expect(trees.contains { $0.missingGoesLeft.contains(true) } && trees.contains { $0.missingGoesLeft.contains(false) })
        #expect(trees[2].leftChildren.enumerated().contains { $1 >= 0 && $1 != Int32($0 + 1) }, "best-first is not preorder")
        guard TreeKernel.hasVectorWalk else { return }
        // Probe rows: training rows (with their NaN), and rows with NaN in each feature.
        var probe = (0 ..< 2_083).map { x.row($0 * 9) }
        for row in 0 ..< 60 { probe[row][row % 3] = .nan }
        let rows = try Matrix(probe)
        for tree in trees {
            let compact = try #require(CompactTree(tree))
            let expected = rows.withUnsafeBufferPointer { values in
                tree.withKernel { kernel in (0 ..< rows.rows).map { kernel.leafOrdinal(row: values.baseAddress! + $0 * 3) } }
            }
            // Whole groups of 32, tails shorter than a group, and ranges not starting at row 0.
            for range in [0 ..< 2_083, 0 ..< 1, 5 ..< 36, 40 ..< 72, 100 ..< 133, 1_000 ..< 1_257, 2_050 ..< 2_083] {
                var reached: [Int] = []
                rows.withUnsafeBufferPointer { values in
                    compact.forEachLeaf(rows: range, values: values.baseAddress!, columns: 3) { row, leaf in
                        #expect(row == range.lowerBound + reached.count)
                        reached.append(leaf)
                    }
                }
                #expect(reached == Array(expected[range]), "rows \(range)")
            }
        }
    }

    @Test("nodes are in preorder with the left child next and a leaf's ordinal in its low word")
    func encoding() throws {
        let tree = try TreeCoreTests.stump()
        let compact = try #require(CompactTree(tree))
        #expect(compact.nodes.count == 3)
        #expect(UInt32(truncatingIfNeeded: compact.nodes[0]) == Float(0.5).bitPattern)
        let high = UInt32(compact.nodes[0] >> 32)
        #expect(high & 0x3ff == 0 && high & (1 << 10) != 0 && high >> 11 == 2)
        #expect(compact.nodes[1] == 0 && compact.nodes[2] == 1)
    }

    @Test("a tree whose features do not fit 10 bits keeps the 16-byte walk")
    func tooManyFeatures() throws {
        let tree = try Tree(
            leftChildren: [1, -1, -1], rightChildren: [2, -1, -1], features: [1_500, -1, -1], thresholds: [0.5, 0, 0],
            missingGoesLeft: [false, false, false], sampleCounts: [3, 1, 2], leafValues: [1, 2], valueWidth: 1,
            featureCount: 2_000)
        #expect(CompactTree(tree) == nil)
    }
}
