import CForestKernels

/// A tree's splits in 8-byte nodes, preorder, for batch prediction.
///
/// Node `i`'s left child is `i + 1`, so a node needs only its right child's
/// distance: the threshold (the leaf ordinal at a leaf) in the low word and
/// feature, NaN direction and right-child distance in the high word (bits as
/// `WB_COMPACT_…` in `forest_kernels.h` say). Half the size of `TreeNode`, so a
/// tree takes half the cache, and a left child usually shares its parent's
/// cache line. Built from a tree when prediction starts (O(nodes), a few
/// percent of walking a batch of rows through it), so loaded and trained
/// trees keep one node layout in memory. Same leaves as `TreeKernel.leafOrdinal`.
@usableFromInline
struct CompactTree: Sendable {
    /// The nodes, each left child right after its parent (preorder).
    @usableFromInline let nodes: [UInt64]

    @usableFromInline static let featureLimit = Int(WB_COMPACT_FEATURE_MASK) + 1
    @usableFromInline static let distanceLimit = 1 << (32 - Int(WB_COMPACT_DELTA_SHIFT))

    /// The compact form of `tree`, or nil when a feature index or a right-child
    /// distance does not fit its bits (more than 1,024 features or subtrees of more than 2²¹ nodes).
    /// - Complexity: O(nodes).
    init?(_ tree: Tree) {
        guard tree.featureCount <= Self.featureLimit, tree.nodeCount < Self.distanceLimit else { return nil }
        let source = tree.nodes
        // Depth-first grown trees already have every left child next to its parent: one pass.
        if source.indices.allSatisfy({ source[$0].isLeaf || Int(source[$0].left) == $0 + 1 }) {
            nodes = source.indices.map { index in
                let node = source[index]
                if node.isLeaf { return UInt64(UInt32(bitPattern: node.right)) }
                return Self.split(node, distance: Int(node.right) - index)
            }
            return
        }
        var nodes = [UInt64](repeating: 0, count: source.count)
        // Best-first grown trees are renumbered in preorder.
        var stack: [(node: Int32, parent: Int)] = [(0, -1)]
        stack.reserveCapacity(64)
        var next = 0
        while let (index, parent) = stack.popLast() {
            let position = next
            next += 1
            // A parent's right child is the only child reached by popping, not by position + 1.
            if parent >= 0 && parent + 1 != position {
                nodes[parent] |= UInt64(UInt32(position - parent) << WB_COMPACT_DELTA_SHIFT) << 32
            }
            let node = source[Int(index)]
            if node.isLeaf {
                nodes[position] = UInt64(UInt32(bitPattern: node.right))
                continue
            }
            nodes[position] = Self.split(node, distance: 0)
            stack.append((node.right, position))
            stack.append((node.left, position))
        }
        self.nodes = nodes
    }

    /// The 8-byte form of split `node` whose right child is `distance` nodes after it (0: patched in later).
    private static func split(_ node: TreeNode, distance: Int) -> UInt64 {
        let missing: UInt32 = node.missingGoesLeft ? WB_COMPACT_MISSING_LEFT_BIT : 0
        let high = UInt32(node.feature) | missing | UInt32(distance) << WB_COMPACT_DELTA_SHIFT
        return UInt64(node.threshold.bitPattern) | UInt64(high) << 32
    }

    /// Calls `body(row, leafOrdinal)` once for every row of `rows`, in row order,
    /// walking sixteen rows at a time; row `row`'s values start at `values + row * columns`.
    /// - Precondition: the CPU has AVX2 (`TreeKernel.hasVectorWalk`) and `columns < 2²²`.
    @inlinable @inline(__always)
    func forEachLeaf(rows: Range<Int>, values: UnsafePointer<Float>, columns: Int, _ body: (Int, Int) -> Void) {
        nodes.withUnsafeBufferPointer { nodes in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: TreeKernel.vectorGroupRows) { ordinals in
                var start = rows.lowerBound
                while start < rows.upperBound {
                    let count = min(TreeKernel.vectorGroupRows, rows.upperBound - start)
                    wb_forest_compact_leaf_ordinals_avx2(
                        nodes.baseAddress!, values + start * columns, Int64(columns), Int64(count), ordinals.baseAddress!)
                    for offset in 0 ..< count { body(start + offset, Int(ordinals[offset])) }
                    start += count
                }
            }
        }
    }
}
