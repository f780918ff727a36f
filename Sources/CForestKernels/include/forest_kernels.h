#ifndef WORKBENCH_FOREST_KERNELS_H
#define WORKBENCH_FOREST_KERNELS_H

#include <stdint.h>

/// Whether this CPU runs the AVX2 tree walk (checked once by the caller).
int wb_forest_cpu_has_avx2(void);

/// Writes the leaf ordinal of each of `count` rows to `ordinals`, walking one
/// tree sixteen rows at a time with AVX2.
///
/// `nodes` is the tree's array of 16-byte nodes in Forests' `TreeNode` layout
/// (float threshold; uint32 feature with bit 31 set when NaN goes left; int32
/// left child, -1 at a leaf; int32 right child, the leaf ordinal at a leaf).
/// Row `r` has `columns` floats from `rows + r * columns`. A row goes left iff
/// `value <= threshold`, or the value is NaN and bit 31 is set: exactly
/// `TreeNode.sendsLeft`. Requires `count * columns < 2^31`, fewer than 2^29
/// nodes, and `wb_forest_cpu_has_avx2()`.
void wb_forest_leaf_ordinals_avx2(const void *nodes, const float *rows, int64_t columns, int64_t count,
                                  int32_t *ordinals);

/// Bits of an 8-byte node's second word: the split feature in bits 0…9, bit 10 set when NaN goes
/// left, and in bits 11…31 the distance from the node to its right child (0 marks a leaf).
#define WB_COMPACT_FEATURE_MASK 0x3ffu
#define WB_COMPACT_MISSING_LEFT_SHIFT 10
#define WB_COMPACT_MISSING_LEFT_BIT (1u << WB_COMPACT_MISSING_LEFT_SHIFT)
#define WB_COMPACT_DELTA_SHIFT 11

/// As `wb_forest_leaf_ordinals_avx2` (thirty-two rows at a time), over a tree in 8-byte nodes in
/// preorder (the left child of node `i` is `i + 1`). Each node is a little-endian pair of 32-bit
/// words: the float threshold (the int32 leaf ordinal at a leaf), then feature, NaN direction and
/// right-child distance as the `WB_COMPACT_…` bits say. Requires `count * columns < 2^31`, fewer
/// than 2^31 nodes and `wb_forest_cpu_has_avx2()`.
void wb_forest_compact_leaf_ordinals_avx2(const uint64_t *nodes, const float *rows, int64_t columns, int64_t count,
                                          int32_t *ordinals);

#endif
