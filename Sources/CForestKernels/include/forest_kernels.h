#ifndef WORKBENCH_FOREST_KERNELS_H
#define WORKBENCH_FOREST_KERNELS_H

#include <stdint.h>

/// Whether this CPU runs the AVX2 tree walk (checked once by the caller).
int wb_forest_cpu_has_avx2(void);

/// Writes the leaf node reached by each of `count` rows to `leaves`, walking one tree thirty-two
/// rows at a time with AVX2.
///
/// `nodes` is the tree in Forests' 8-byte packed layout (`PackedNodeLayout`): nodes in preorder,
/// so a split's left child is the next node. A split is a little-endian pair of 32-bit words: the
/// float threshold, then, from bit 0, the feature (`feature_bits` bits), a bit set when NaN goes
/// left, a bit set when the left child is a leaf, a bit set when the right child is a leaf, and
/// the distance to the right child in the remaining bits. A leaf's 8 bytes are its payload and are
/// never read. Row `r` has `columns` floats from `rows + r * columns`; a row goes left iff
/// `value <= threshold`, or the value is NaN and the NaN bit is set.
///
/// Requires: the root is a split (more than one node), every stored distance is non-zero (no right
/// child kept aside), `count * columns < 2^31`, fewer than 2^31 nodes, `1 <= feature_bits <= 26`
/// and `wb_forest_cpu_has_avx2()`.
void wb_forest_leaf_nodes_avx2(const uint64_t *nodes, uint32_t feature_bits, const float *rows, int64_t columns,
                               int64_t count, int32_t *leaves);

#endif
