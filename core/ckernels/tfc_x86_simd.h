#ifndef TFC_X86_SIMD_H
#define TFC_X86_SIMD_H
/* Internal to the x86 paths (tfc_*_x86.c): SSE2 / AVX2 pieces they share. Not part of
 * the library's interface; included only where TFC_HAVE_X86_PATH. */

#include <immintrin.h>

#include "tfc_fixed_point.h"
#include "tfc_x86.h"

/* Functions compiled for AVX2 whatever the baseline; called only after tfc_x86_has_avx2().
 * Every helper they inline needs the attribute too. */
#define TFC_AVX2 __attribute__((target("avx2")))
#define TFC_AVX2_INLINE __attribute__((target("avx2"), always_inline)) static inline

/* 8 int8 at p, sign-extended to int16, plus offset (|x + offset| <= 255 fits int16). */
TFC_ALWAYS_INLINE static inline __m128i tfc_x86_widen8_sse2(const int8_t* p, __m128i offset) {
  const __m128i bytes = _mm_loadl_epi64((const __m128i*)(const void*)p);
  return _mm_add_epi16(_mm_srai_epi16(_mm_unpacklo_epi8(bytes, bytes), 8), offset);
}

/* The requantization of 8 channels in 8 int32 lanes, constants worked out once for many
 * outputs. Only for channels in the fast form of tfc_fixed_point.h (multiplier >= 0,
 * shift = -e with 1 <= e <= 31; every conv layer of a converted model):
 *   out = clamp(((acc * m + 2^30 + 2^(30+e) - [acc < 0] * 2^31) >> 32) >> (e - 1) + offset)
 * which equals tfc_requantize_to_s8 (both roundings folded, proof in tfc_fixed_point.h).
 * The 64-bit products are formed in the even and odd lanes separately (PMULDQ). */
typedef struct {
  __m256i multiplier;      /* lanes 0..7 */
  __m256i multiplier_odd;  /* lanes 1, 3, 5, 7 in the low halves of the 64-bit lanes */
  __m256i high_word_shift; /* e - 1 */
  __m256i round_even;      /* 2^30 + 2^(30+e) of lanes 0, 2, 4, 6 as int64 */
  __m256i round_odd;       /* of lanes 1, 3, 5, 7 */
} tfc_x86_requant8;

/* From the 8 lanes' multipliers and shifts; returns 0 (q is then not usable) unless every
 * lane is in the fast form. */
TFC_AVX2_INLINE int tfc_x86_requant8_make(__m256i multiplier, __m256i shift, tfc_x86_requant8* q) {
  const __m256i fast = _mm256_and_si256(
      _mm256_and_si256(_mm256_cmpgt_epi32(multiplier, _mm256_set1_epi32(-1)), _mm256_cmpgt_epi32(_mm256_setzero_si256(), shift)),
      _mm256_cmpgt_epi32(shift, _mm256_set1_epi32(-32)));
  const __m256i high_word_shift = _mm256_sub_epi32(_mm256_set1_epi32(-1), shift); /* e - 1 in [0, 30] */
  const __m256i low_halves = _mm256_set1_epi64x(0xFFFFFFFF);
  const __m256i two_31 = _mm256_set1_epi64x((int64_t)1 << 31);
  const __m256i two_30 = _mm256_set1_epi64x((int64_t)1 << 30);
  q->multiplier = multiplier;
  q->multiplier_odd = _mm256_srli_epi64(multiplier, 32);
  q->high_word_shift = high_word_shift;
  /* 2^(30+e) = 2^31 << (e - 1) */
  q->round_even = _mm256_add_epi64(two_30, _mm256_sllv_epi64(two_31, _mm256_and_si256(high_word_shift, low_halves)));
  q->round_odd = _mm256_add_epi64(two_30, _mm256_sllv_epi64(two_31, _mm256_srli_epi64(high_word_shift, 32)));
  return _mm256_movemask_epi8(fast) == -1;
}

/* clamp(requantized acc + output_offset, act_min, act_max) in 8 int32 lanes. */
TFC_AVX2_INLINE __m256i tfc_x86_requant8_apply(__m256i acc, const tfc_x86_requant8* q, __m256i output_offset,
                                               __m256i act_min, __m256i act_max) {
  const __m256i zero = _mm256_setzero_si256();
  __m256i even = _mm256_mul_epi32(acc, q->multiplier);
  __m256i odd = _mm256_mul_epi32(_mm256_srli_epi64(acc, 32), q->multiplier_odd);
  /* With multiplier >= 0 a product is negative exactly when acc is, or it is 0 (then both
   * rounding constants give 0). All-ones << 31 is -2^31. */
  even = _mm256_add_epi64(_mm256_add_epi64(even, q->round_even), _mm256_slli_epi64(_mm256_cmpgt_epi64(zero, even), 31));
  odd = _mm256_add_epi64(_mm256_add_epi64(odd, q->round_odd), _mm256_slli_epi64(_mm256_cmpgt_epi64(zero, odd), 31));
  {
    const __m256i high = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
    const __m256i scaled = _mm256_add_epi32(_mm256_srav_epi32(high, q->high_word_shift), output_offset);
    return _mm256_min_epi32(_mm256_max_epi32(scaled, act_min), act_max);
  }
}

/* 8 int32 lanes already in [-128, 127] to 8 bytes at out. */
TFC_AVX2_INLINE void tfc_x86_store8_avx2(int8_t* out, __m256i values) {
  const __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(values), _mm256_extracti128_si256(values, 1));
  _mm_storel_epi64((__m128i*)(void*)out, _mm_packs_epi16(words, words));
}

/* The multipliers and shifts of 8 consecutive channels, split from tfc_requant pairs. */
TFC_AVX2_INLINE void tfc_x86_load_requant8(const tfc_requant* r, __m256i* multiplier, __m256i* shift) {
  const __m256i split = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
  const __m256i lo = _mm256_permutevar8x32_epi32(_mm256_loadu_si256((const __m256i*)(const void*)r), split);
  const __m256i hi = _mm256_permutevar8x32_epi32(_mm256_loadu_si256((const __m256i*)(const void*)(r + 4)), split);
  *multiplier = _mm256_permute2x128_si256(lo, hi, 0x20);
  *shift = _mm256_permute2x128_si256(lo, hi, 0x31);
}

#endif /* TFC_X86_SIMD_H */
