import CForestKernels

/// Walks many rows down one tree.
///
/// A single walk is a chain of dependent loads, one per level, so the core mostly waits. On CPUs
/// with AVX2 the C kernel `wb_forest_leaf_nodes_avx2` walks thirty-two rows in lockstep,
/// overlapping their loads (measurements in its comments and BENCHMARKS.md). Elsewhere, and for
/// the rare tree with right children kept aside, rows are walked one at a time. Both give exactly
/// `leafNode`'s leaf for every row.
extension TreeKernel {
    /// Whether the CPU runs the AVX2 walk.
    @usableFromInline static let hasVectorWalk = wb_forest_cpu_has_avx2() != 0

    /// Rows per call of the AVX2 kernel (their leaves are buffered on the stack).
    @usableFromInline static var vectorGroupRows: Int { 256 }

    /// Calls `body(row, leafNode)` once for every row of `rows`, in row order; row `row`'s values
    /// start at `values + row * columns`.
    @inlinable @inline(__always)
    func forEachLeaf(rows: Range<Int>, values: UnsafePointer<Float>, columns: Int, _ body: (Int, Int) -> Void) {
        guard nodes.count > 1 else {
            for row in rows { body(row, 0) }
            return
        }
        guard Self.hasVectorWalk && farRightChildren.isEmpty && nodes.count < 1 << 31 && columns < 1 << 22 else {
            for row in rows { body(row, leafNode(row: values + row * columns)) }
            return
        }
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.vectorGroupRows) { leaves in
            var start = rows.lowerBound
            while start < rows.upperBound {
                let count = min(Self.vectorGroupRows, rows.upperBound - start)
                wb_forest_leaf_nodes_avx2(
                    nodes.baseAddress!, layout.featureBits, values + start * columns, Int64(columns), Int64(count),
                    leaves.baseAddress!)
                for offset in 0 ..< count { body(start + offset, Int(leaves[offset])) }
                start += count
            }
        }
    }
}
