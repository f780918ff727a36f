// Tree-walk kernel for batch prediction, the only C in Forests: thirty-two rows walk one tree in
// lockstep, each step loading their current nodes and gathering their feature values, so the
// walks' cache misses overlap and no branch depends on the data except the loop exit.

#include "forest_kernels.h"

#include <immintrin.h>

int wb_forest_cpu_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

/// One row walked alone (the tail after the last full group of rows).
static int32_t leaf_node(const uint32_t *words, uint32_t feature_bits, const float *row) {
    const uint32_t feature_mask = (1u << feature_bits) - 1;
    int64_t index = 0;
    for (;;) {
        const uint32_t *node = words + 2 * index;
        uint32_t packed = node[1];
        float threshold;
        __builtin_memcpy(&threshold, node, sizeof threshold);
        float value = row[packed & feature_mask];
        int goes_left = value <= threshold || (value != value && ((packed >> feature_bits) & 1));
        if (goes_left) {
            index += 1;
            if ((packed >> (feature_bits + 1)) & 1) return (int32_t)index;
        } else {
            index += packed >> (feature_bits + 3);
            if ((packed >> (feature_bits + 2)) & 1) return (int32_t)index;
        }
    }
}

/// Groups of eight rows walked together: their dependency chains (node loads -> value gather ->
/// compare -> next node) interleave, so one group's loads run while another's wait. Four groups:
/// measured on 50,000 rows x 100 classification trees (19,400 nodes each, trained on 150,000
/// rows), two threads, CPU s, five alternating runs in one process on the loaded shared machine,
/// with the 8-byte layout that kept leaves as nodes of their own: two groups 0.25-0.28, three
/// 0.23-0.25, four 0.20-0.21, six 0.22-0.23, eight 0.21; 16-byte nodes with two groups took
/// 0.31-0.33. Here a lane stops as soon as its parent says the child is a leaf, so leaves are
/// never loaded. Refilling a lane with the next row as soon as it reaches a leaf (instead of
/// waiting for its group's deepest walk) measured slower than this lockstep with 16-byte nodes:
/// the bookkeeping costs more than the idle lanes.
enum { GROUPS = 4, ROWS = 8 * GROUPS };

/// The two words of the eight 8-byte nodes `index` points at, one vector per word: eight 8-byte
/// loads paired into four 16-byte registers, then one shuffle and one unpack per word.
__attribute__((target("avx2")))
static inline void load_nodes(const uint32_t *words, __m256i index, __m256i *low, __m256i *high) {
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

/// Each lane of `packed` shifted left by `shift_to_top` (one flag to bit 31), that bit then spread
/// over the lane: all ones where the flag is set, zeros elsewhere.
__attribute__((target("avx2")))
static inline __m256i bit_mask(__m256i packed, __m128i shift_to_top) {
    return _mm256_srai_epi32(_mm256_sll_epi32(packed, shift_to_top), 31);
}

__attribute__((target("avx2")))
void wb_forest_leaf_nodes_avx2(const uint64_t *nodes, uint32_t feature_bits, const float *rows, int64_t columns,
                               int64_t count, int32_t *leaves) {
    const uint32_t *words = (const uint32_t *)nodes;
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const __m256i row_offsets = _mm256_mullo_epi32(lanes, _mm256_set1_epi32((int32_t)columns));
    const __m256i feature_mask = _mm256_set1_epi32((int32_t)((1u << feature_bits) - 1));
    const __m128i missing_to_top = _mm_cvtsi32_si128((int)(31 - feature_bits));
    const __m128i left_leaf_to_top = _mm_cvtsi32_si128((int)(30 - feature_bits));
    const __m128i right_leaf_to_top = _mm_cvtsi32_si128((int)(29 - feature_bits));
    const __m128i distance_shift = _mm_cvtsi32_si128((int)(feature_bits + 3));
    const __m256i one = _mm256_set1_epi32(1);
    const __m256i all = _mm256_set1_epi32(-1);
    int64_t first = 0;
    for (; first + ROWS <= count; first += ROWS) {
        __m256i index[GROUPS], walking[GROUPS];
        for (int g = 0; g < GROUPS; g++) {
            index[g] = _mm256_setzero_si256();
            walking[g] = all;
        }
        for (;;) {
            int moving = 0;
            for (int g = 0; g < GROUPS; g++) {
                if (_mm256_testz_si256(walking[g], walking[g])) continue;
                // Lanes already at a leaf load its payload; their feature is masked to 0 (a valid
                // value to gather) and their step to 0.
                __m256i low, packed;
                load_nodes(words, index[g], &low, &packed);
                __m256i feature = _mm256_and_si256(_mm256_and_si256(packed, feature_mask), walking[g]);
                __m256 value = _mm256_i32gather_ps(rows + (first + 8 * g) * columns,
                                                   _mm256_add_epi32(row_offsets, feature), 4);
                __m256 below = _mm256_cmp_ps(value, _mm256_castsi256_ps(low), _CMP_LE_OQ);
                __m256 missing = _mm256_cmp_ps(value, value, _CMP_UNORD_Q);
                __m256 missing_left = _mm256_castsi256_ps(bit_mask(packed, missing_to_top));
                __m256i goes_left = _mm256_castps_si256(_mm256_or_ps(below, _mm256_and_ps(missing, missing_left)));
                __m256i distance = _mm256_srl_epi32(packed, distance_shift);
                __m256i step = _mm256_and_si256(_mm256_blendv_epi8(distance, one, goes_left), walking[g]);
                index[g] = _mm256_add_epi32(index[g], step);
                __m256i at_leaf = _mm256_blendv_epi8(bit_mask(packed, right_leaf_to_top),
                                                     bit_mask(packed, left_leaf_to_top), goes_left);
                walking[g] = _mm256_andnot_si256(at_leaf, walking[g]);
                moving |= !_mm256_testz_si256(walking[g], walking[g]);
            }
            if (!moving) break;
        }
        for (int g = 0; g < GROUPS; g++) _mm256_storeu_si256((__m256i *)(leaves + first + 8 * g), index[g]);
    }
    for (; first < count; first++) leaves[first] = leaf_node(words, feature_bits, rows + first * columns);
}
