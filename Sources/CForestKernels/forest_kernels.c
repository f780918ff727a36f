// Tree-walk kernel for batch prediction, the only C in Forests: sixteen rows walk one tree in
// lockstep, each step loading their current nodes and gathering their feature values, so the
// walks' cache misses overlap and no branch depends on the data except the loop exit.

#include "forest_kernels.h"

#include <immintrin.h>

int wb_forest_cpu_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

/// One row walked alone (the tail after the last full group of eight).
static int32_t leaf_ordinal(const int32_t *node_words, const float *row) {
    int32_t index = 0;
    for (;;) {
        const int32_t *node = node_words + 4 * (int64_t)index;
        int32_t left = node[2];
        if (left < 0) return node[3];
        float threshold;
        __builtin_memcpy(&threshold, node, sizeof threshold);
        uint32_t flags = (uint32_t)node[1];
        float value = row[flags & 0x7fffffffu];
        int goes_left = value <= threshold || (value != value && (flags >> 31));
        index = goes_left ? left : node[3];
    }
}

/// Groups of eight rows walked together: their dependency chains (node loads → value gather →
/// compare → next node) interleave, so one group's loads run while another's wait. Measured with
/// four gathers per step for the nodes, 50,000 rows × 100 trees, two threads (19,000-node /
/// 190,000-node trees): one group 0.43 / 0.74 s, two 0.26–0.31 / 0.61 s, three 0.32–0.53 / 0.75 s,
/// four 0.39 / 0.70 s, eight 0.48 / 1.02 s; the scalar walk 0.42 / 1.2 s. Loading the nodes with
/// `load_nodes` instead of gathers then took 30 classification trees from 0.14–0.16 s to 0.08–0.09 s
/// (alternating runs); four groups with it measured 0.06–0.13 s, no clearer than two. Refilling a
/// lane with the next row as soon as it reaches a leaf (instead of waiting for its group's deepest
/// walk) measured 0.074–0.097 s against 0.058–0.073 s for this lockstep: the bookkeeping costs more
/// than the idle lanes.
enum { GROUPS = 2, ROWS = 8 * GROUPS };

/// The four words of the eight nodes `index` points at, one vector per field: eight 16-byte loads
/// and a 4 × 4 transpose in each half, cheaper than four gathers.
__attribute__((target("avx2")))
static inline void load_nodes(const int32_t *words, __m256i index, __m256 *threshold, __m256i *flags,
                              __m256i *left, __m256i *right) {
    int32_t at[8];
    _mm256_storeu_si256((__m256i *)at, index);
    __m256i r0 = _mm256_set_m128i(_mm_loadu_si128((const __m128i *)(words + 4 * (int64_t)at[4])),
                                  _mm_loadu_si128((const __m128i *)(words + 4 * (int64_t)at[0])));
    __m256i r1 = _mm256_set_m128i(_mm_loadu_si128((const __m128i *)(words + 4 * (int64_t)at[5])),
                                  _mm_loadu_si128((const __m128i *)(words + 4 * (int64_t)at[1])));
    __m256i r2 = _mm256_set_m128i(_mm_loadu_si128((const __m128i *)(words + 4 * (int64_t)at[6])),
                                  _mm_loadu_si128((const __m128i *)(words + 4 * (int64_t)at[2])));
    __m256i r3 = _mm256_set_m128i(_mm_loadu_si128((const __m128i *)(words + 4 * (int64_t)at[7])),
                                  _mm_loadu_si128((const __m128i *)(words + 4 * (int64_t)at[3])));
    __m256i t0 = _mm256_unpacklo_epi32(r0, r1), t1 = _mm256_unpacklo_epi32(r2, r3);
    __m256i t2 = _mm256_unpackhi_epi32(r0, r1), t3 = _mm256_unpackhi_epi32(r2, r3);
    *threshold = _mm256_castsi256_ps(_mm256_unpacklo_epi64(t0, t1));
    *flags = _mm256_unpackhi_epi64(t0, t1);
    *left = _mm256_unpacklo_epi64(t2, t3);
    *right = _mm256_unpackhi_epi64(t2, t3);
}

__attribute__((target("avx2")))
void wb_forest_leaf_ordinals_avx2(const void *nodes, const float *rows, int64_t columns, int64_t count,
                                  int32_t *ordinals) {
    const int32_t *words = (const int32_t *)nodes;
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i row_offsets = _mm256_mullo_epi32(lanes, _mm256_set1_epi32((int32_t)columns));
    const __m256i feature_mask = _mm256_set1_epi32(0x7fffffff);
    const __m256i minus_one = _mm256_set1_epi32(-1);
    int64_t first = 0;
    for (; first + ROWS <= count; first += ROWS) {
        __m256i index[GROUPS], right[GROUPS];
        for (int g = 0; g < GROUPS; g++) index[g] = _mm256_setzero_si256();
        for (;;) {
            int moving = 0;
            for (int g = 0; g < GROUPS; g++) {
                // Node i starts at word 4i: threshold, flags, left, right.
                __m256 threshold;
                __m256i flags, left;
                load_nodes(words, index[g], &threshold, &flags, &left, &right[g]);
                __m256i internal = _mm256_cmpgt_epi32(left, minus_one);
                moving |= !_mm256_testz_si256(internal, internal);
                // Leaves hold feature 0, so their lanes read a valid value and stay put below.
                __m256i offset = _mm256_add_epi32(row_offsets, _mm256_and_si256(flags, feature_mask));
                __m256 value = _mm256_i32gather_ps(rows + (first + 8 * g) * columns, offset, 4);
                __m256 below = _mm256_cmp_ps(value, threshold, _CMP_LE_OQ);
                __m256 missing = _mm256_cmp_ps(value, value, _CMP_UNORD_Q);
                __m256 missing_left = _mm256_castsi256_ps(_mm256_srai_epi32(flags, 31));
                __m256i goes_left = _mm256_castps_si256(_mm256_or_ps(below, _mm256_and_ps(missing, missing_left)));
                __m256i child = _mm256_blendv_epi8(right[g], left, goes_left);
                index[g] = _mm256_blendv_epi8(index[g], child, internal);
            }
            if (!moving) break;
        }
        // Every lane is at a leaf, whose right word is its ordinal.
        for (int g = 0; g < GROUPS; g++) _mm256_storeu_si256((__m256i *)(ordinals + first + 8 * g), right[g]);
    }
    for (; first < count; first++) ordinals[first] = leaf_ordinal(words, rows + first * columns);
}

// ---------------------------------------------------------------------------------------------
// The same lockstep walk over 8-byte nodes in preorder (left child = node + 1), so the tree takes
// half the cache and a node's left child usually shares its cache line.

/// One row walked alone over 8-byte nodes.
static int32_t compact_leaf_ordinal(const uint32_t *node_words, const float *row) {
    int64_t index = 0;
    for (;;) {
        const uint32_t *node = node_words + 2 * index;
        uint32_t packed = node[1];
        uint32_t delta = packed >> WB_COMPACT_DELTA_SHIFT;
        if (delta == 0) return (int32_t)node[0];
        float threshold;
        __builtin_memcpy(&threshold, node, sizeof threshold);
        float value = row[packed & WB_COMPACT_FEATURE_MASK];
        int goes_left = value <= threshold || (value != value && (packed & WB_COMPACT_MISSING_LEFT_BIT));
        index += goes_left ? 1 : delta;
    }
}

/// Groups of eight rows walked together, as above; four groups here, not two: with half-size
/// nodes more misses fit in flight. Measured on 50,000 rows × 100 classification trees (19,400
/// nodes each, trained on 150,000 rows), two threads, CPU s, five alternating runs in one process
/// on the loaded shared machine: 16-byte nodes, two groups 0.31–0.33; 8-byte nodes, two groups
/// 0.25–0.28, three 0.23–0.25, four 0.20–0.21, six 0.22–0.23, eight 0.21. Larger row blocks stayed
/// better with 8-byte nodes too (1,024 rows 0.59, 4,096 0.38, 8,192 0.33, 12,500 0.31, 25,000 0.28
/// with two groups), so the tree's reload per block, not the rows' feature gathers, still dominates.
enum { COMPACT_GROUPS = 4, COMPACT_ROWS = 8 * COMPACT_GROUPS };

/// The two words of the eight 8-byte nodes `index` points at, one vector per field: eight 8-byte
/// loads paired into four 16-byte registers, then one shuffle and one unpack per field.
__attribute__((target("avx2")))
static inline void load_compact_nodes(const uint32_t *words, __m256i index, __m256i *low, __m256i *high) {
    int32_t at[8];
    _mm256_storeu_si256((__m256i *)at, index);
#define WB_PAIR(a, b) _mm_castpd_si128(_mm_loadh_pd(_mm_castsi128_pd(_mm_loadl_epi64( \
        (const __m128i *)(words + 2 * (int64_t)at[a]))), (const double *)(words + 2 * (int64_t)at[b])))
    __m256i r0 = _mm256_set_m128i(WB_PAIR(4, 5), WB_PAIR(0, 1)); // t0 p0 t1 p1 | t4 p4 t5 p5
    __m256i r1 = _mm256_set_m128i(WB_PAIR(6, 7), WB_PAIR(2, 3)); // t2 p2 t3 p3 | t6 p6 t7 p7
#undef WB_PAIR
    __m256i s0 = _mm256_shuffle_epi32(r0, _MM_SHUFFLE(3, 1, 2, 0)); // t0 t1 p0 p1 | t4 t5 p4 p5
    __m256i s1 = _mm256_shuffle_epi32(r1, _MM_SHUFFLE(3, 1, 2, 0)); // t2 t3 p2 p3 | t6 t7 p6 p7
    *low = _mm256_unpacklo_epi64(s0, s1);
    *high = _mm256_unpackhi_epi64(s0, s1);
}

__attribute__((target("avx2")))
void wb_forest_compact_leaf_ordinals_avx2(const uint64_t *nodes, const float *rows, int64_t columns, int64_t count,
                                          int32_t *ordinals) {
    const uint32_t *words = (const uint32_t *)nodes;
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i row_offsets = _mm256_mullo_epi32(lanes, _mm256_set1_epi32((int32_t)columns));
    const __m256i feature_mask = _mm256_set1_epi32(WB_COMPACT_FEATURE_MASK);
    const __m256i zero = _mm256_setzero_si256();
    const __m256i one = _mm256_set1_epi32(1);
    int64_t first = 0;
    for (; first + COMPACT_ROWS <= count; first += COMPACT_ROWS) {
        __m256i index[COMPACT_GROUPS], low[COMPACT_GROUPS];
        for (int g = 0; g < COMPACT_GROUPS; g++) index[g] = zero;
        for (;;) {
            int moving = 0;
            for (int g = 0; g < COMPACT_GROUPS; g++) {
                __m256i packed;
                load_compact_nodes(words, index[g], &low[g], &packed);
                __m256i delta = _mm256_srli_epi32(packed, WB_COMPACT_DELTA_SHIFT);
                __m256i internal = _mm256_cmpgt_epi32(delta, zero);
                moving |= !_mm256_testz_si256(internal, internal);
                // Leaves hold feature 0, so their lanes read a valid value; their step is masked to 0.
                __m256i offset = _mm256_add_epi32(row_offsets, _mm256_and_si256(packed, feature_mask));
                __m256 value = _mm256_i32gather_ps(rows + (first + 8 * g) * columns, offset, 4);
                __m256 threshold = _mm256_castsi256_ps(low[g]);
                __m256 below = _mm256_cmp_ps(value, threshold, _CMP_LE_OQ);
                __m256 missing = _mm256_cmp_ps(value, value, _CMP_UNORD_Q);
                __m256 missing_left = _mm256_castsi256_ps(
                    _mm256_srai_epi32(_mm256_slli_epi32(packed, 31 - WB_COMPACT_MISSING_LEFT_SHIFT), 31));
                __m256i goes_left = _mm256_castps_si256(_mm256_or_ps(below, _mm256_and_ps(missing, missing_left)));
                __m256i step = _mm256_and_si256(_mm256_blendv_epi8(delta, one, goes_left), internal);
                index[g] = _mm256_add_epi32(index[g], step);
            }
            if (!moving) break;
        }
        // Every lane is at a leaf, whose low word is its ordinal.
        for (int g = 0; g < COMPACT_GROUPS; g++) _mm256_storeu_si256((__m256i *)(ordinals + first + 8 * g), low[g]);
    }
    for (; first < count; first++) ordinals[first] = compact_leaf_ordinal(words, rows + first * columns);
}
