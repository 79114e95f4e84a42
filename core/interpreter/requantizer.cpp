#include "core/interpreter/requantizer.h"

#include <limits>

#include "core/kernels/fixed_point.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TINYFORGE_AVX2_DISPATCH 1
#include <immintrin.h>
#endif

namespace tinyforge {
namespace {

#if TINYFORGE_AVX2_DISPATCH
// a * b / 2^31, rounded as gemmlowp, on the even 32-bit lanes (their 64-bit products).
__attribute__((target("avx2"), always_inline)) inline __m256i highMulEvenLanes(__m256i a, __m256i b) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i product = _mm256_mul_epi32(a, b);
  const __m256i negative = _mm256_cmpgt_epi64(zero, product);
  const __m256i nudge = _mm256_blendv_epi8(_mm256_set1_epi64x(int64_t{1} << 30),
                                           _mm256_set1_epi64x(1 - (int64_t{1} << 30)), negative);
  const __m256i v = _mm256_add_epi64(product, nudge);
  // Division truncating toward zero: floor, plus one for a negative value with a remainder.
  // Bits 31..62 of v are the quotient's low 32 bits, so a logical shift serves.
  const __m256i has_remainder =
      _mm256_andnot_si256(_mm256_cmpeq_epi64(_mm256_and_si256(v, _mm256_set1_epi64x((int64_t{1} << 31) - 1)), zero),
                          _mm256_cmpgt_epi64(zero, v));
  return _mm256_sub_epi64(_mm256_srli_epi64(v, 31), has_remainder);
}

// 8 lanes of the scalar arithmetic, step for step:
//   shiftLeftWrapping -> saturatingRoundingDoublingHighMul -> roundingDivideByPOT.
__attribute__((target("avx2"))) void requantizeAvx2(const int32_t* acc, int8_t* out, int channels,
                                                     const int32_t* multiplier, const int32_t* left_shift,
                                                     const int32_t* right_shift, const int32_t* remainder_mask,
                                                     const int32_t* threshold, int32_t output_offset,
                                                     int32_t act_min, int32_t act_max) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i offset = _mm256_set1_epi32(output_offset);
  const __m256i lo = _mm256_set1_epi32(act_min);
  const __m256i hi = _mm256_set1_epi32(act_max);
  const __m256i one = _mm256_set1_epi32(1);

  int c = 0;
  for (; c + 8 <= channels; c += 8) {
    const __m256i m = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(multiplier + c));
    const __m256i x = _mm256_sllv_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(acc + c)),
                                        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(left_shift + c)));
    const __m256i even = highMulEvenLanes(x, m);
    const __m256i odd = highMulEvenLanes(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(m, 32));
    const __m256i high = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
    // roundingDivideByPOT: ties away from zero.
    const __m256i exponent = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(right_shift + c));
    const __m256i mask = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(remainder_mask + c));
    const __m256i remainder = _mm256_and_si256(high, mask);
    const __m256i limit = _mm256_sub_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(threshold + c)),
                                           _mm256_cmpgt_epi32(zero, high));
    __m256i result = _mm256_srav_epi32(high, exponent);
    result = _mm256_add_epi32(result, _mm256_and_si256(_mm256_cmpgt_epi32(remainder, limit), one));
    result = _mm256_min_epi32(_mm256_max_epi32(_mm256_add_epi32(result, offset), lo), hi);
    const __m128i packed16 = _mm_packs_epi32(_mm256_castsi256_si128(result), _mm256_extracti128_si256(result, 1));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out + c), _mm_packs_epi16(packed16, packed16));
  }
  for (; c < channels; ++c) {
    const int32_t scaled = kernels::multiplyByQuantizedMultiplier(acc[c], multiplier[c],
                                                                  left_shift[c] > 0 ? left_shift[c] : -right_shift[c]) +
                           output_offset;
    out[c] = static_cast<int8_t>(kernels::clampToRange(scaled, act_min, act_max));
  }
}

bool cpuHasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

}  // namespace

Requantizer::Requantizer(std::span<const kernels::QuantizedMultiplier> multipliers, int32_t output_offset,
                         int32_t act_min, int32_t act_max, bool allow_simd)
    : channels_(static_cast<int>(multipliers.size())),
      output_offset_(output_offset),
      act_min_(act_min),
      act_max_(act_max) {
  const size_t padded = (multipliers.size() + 7) / 8 * 8;
  multiplier_.assign(padded, 0);
  left_shift_.assign(padded, 0);
  right_shift_.assign(padded, 0);
  remainder_mask_.assign(padded, 0);
  threshold_.assign(padded, 0);
  // INT32_MIN * INT32_MIN saturates in the scalar code; the vector code does not model it,
  // so such a multiplier (never produced by quantizeMultiplier for a positive scale) and
  // out-of-range shifts stay scalar.
  bool representable = true;
  for (size_t c = 0; c < multipliers.size(); ++c) {
    const auto& m = multipliers[c];
    representable = representable && m.multiplier != std::numeric_limits<int32_t>::min() && m.shift <= 31 &&
                    m.shift >= -31;
    multiplier_[c] = m.multiplier;
    left_shift_[c] = m.shift > 0 ? m.shift : 0;
    right_shift_[c] = m.shift > 0 ? 0 : -m.shift;
    const int64_t mask = (int64_t{1} << right_shift_[c]) - 1;
    remainder_mask_[c] = static_cast<int32_t>(mask);
    threshold_[c] = static_cast<int32_t>(mask >> 1);
  }
#if TINYFORGE_AVX2_DISPATCH
  simd_ = allow_simd && representable && cpuHasAvx2();
#else
  (void)allow_simd;
  (void)representable;
#endif
}

void Requantizer::run(const int32_t* acc, int8_t* out) const {
#if TINYFORGE_AVX2_DISPATCH
  if (simd_) {
    requantizeAvx2(acc, out, channels_, multiplier_.data(), left_shift_.data(), right_shift_.data(),
                   remainder_mask_.data(), threshold_.data(), output_offset_, act_min_, act_max_);
    return;
  }
#endif
  for (int c = 0; c < channels_; ++c) {
    const int shift = left_shift_[c] > 0 ? left_shift_[c] : -right_shift_[c];
    const int32_t scaled = kernels::multiplyByQuantizedMultiplier(acc[c], multiplier_[c], shift) + output_offset_;
    out[c] = static_cast<int8_t>(kernels::clampToRange(scaled, act_min_, act_max_));
  }
}

}  // namespace tinyforge
