#pragma once
// Integer rounding primitives with the exact semantics TFLM gets from gemmlowp's
// fixedpoint.h and tensorflow/lite/kernels/internal/common.h (double-rounding build,
// i.e. TFLITE_SINGLE_ROUNDING unset, which is TFLM's default and the build that produced
// /work/shared/models/vectors). Every int8 kernel funnels its requantization through
// these, so a difference of one LSB here shows up in every layer.
//
// One implementation: these call the C library's tfc_fixed_point.h (core/ckernels), which
// the C kernels, the interpreter and generated firmware all use.

#include <algorithm>
#include <cstdint>
#include <limits>

#include "core/ckernels/tfc_fixed_point.h"

namespace tinyforge::kernels {

// a * b / 2^31 rounded to nearest with ties upward (toward +inf: 1.5 -> 2, -1.5 -> -1),
// as ARM's VQRDMULH; INT32_MIN * INT32_MIN saturates to INT32_MAX.
inline int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b) { return tfc_srdhm(a, b); }

// x / 2^exponent rounded to nearest, ties away from zero (-2.5 -> -3, 2.5 -> 3).
// exponent in [0, 31].
inline int32_t roundingDivideByPOT(int32_t x, int exponent) { return tfc_rounding_divide_by_pot(x, exponent); }

// x * 2^exponent for exponent > 0, saturating to the int32 range (gemmlowp's
// SaturatingRoundingMultiplyByPOT with a positive exponent); exponent < 0 rounds like
// roundingDivideByPOT.
inline int32_t saturatingRoundingMultiplyByPOT(int32_t x, int exponent) {
  return tfc_saturating_rounding_multiply_by_pot(x, exponent);
}

// (a + b) / 2 rounded to nearest, ties away from zero (VRHADD).
inline int32_t roundingHalfSum(int32_t a, int32_t b) { return tfc_rounding_half_sum(a, b); }

// The left shift wraps like TFLM's `x * (1 << left_shift)` on a two's-complement
// target; callers keep x small enough that it never does in practice.
inline int32_t shiftLeftWrapping(int32_t x, int left_shift) { return tfc_shift_left_wrapping(x, left_shift); }

// x * multiplier * 2^shift, the requantization of every conv / FC / mean output.
// `multiplier` is Q0.31 in [2^30, 2^31) (or 0), `shift` > 0 shifts left. Two roundings:
// one in the high multiply, one in the final shift (TFLM's double-rounding build).
inline int32_t multiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  return tfc_multiply_by_quantized_multiplier(x, multiplier, shift);
}

// The variant Add uses; `left_shift` <= 0. Same result as the general function.
inline int32_t multiplyByQuantizedMultiplierSmallerThanOneExp(int32_t x, int32_t multiplier, int left_shift) {
  return tfc_multiply_by_quantized_multiplier_smaller_than_one_exp(x, multiplier, left_shift);
}

// The variant Softmax uses; `left_shift` >= 0 and no rounding shift at the end.
inline int32_t multiplyByQuantizedMultiplierGreaterThanOne(int32_t x, int32_t multiplier, int left_shift) {
  return tfc_multiply_by_quantized_multiplier_greater_than_one(x, multiplier, left_shift);
}

inline int countLeadingZeros(uint32_t x) { return tfc_count_leading_zeros(x); }

inline int32_t clampToRange(int32_t x, int32_t lo, int32_t hi) {
  return std::min(std::max(x, lo), hi);
}

}  // namespace tinyforge::kernels
