#pragma once
// Integer rounding primitives with the exact semantics TFLM gets from gemmlowp's
// fixedpoint.h and tensorflow/lite/kernels/internal/common.h (double-rounding build,
// i.e. TFLITE_SINGLE_ROUNDING unset, which is TFLM's default and the build that produced
// /work/shared/models/vectors). Every int8 kernel funnels its requantization through
// these, so a difference of one LSB here shows up in every layer.

#include <algorithm>
#include <cstdint>
#include <limits>

namespace tinyforge::kernels {

// a * b / 2^31 rounded to nearest with ties upward (toward +inf: 1.5 -> 2, -1.5 -> -1),
// as ARM's VQRDMULH. The only product that does not fit is INT32_MIN * INT32_MIN
// (= +1.0 in Q0.31), which saturates to INT32_MAX. gemmlowp adds a signed nudge and
// divides (truncating toward zero); the nudge 1 - 2^30 for negatives is what makes
// negative ties go up.
inline int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min()) {
    return std::numeric_limits<int32_t>::max();
  }
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

// x / 2^exponent rounded to nearest, ties away from zero (-2.5 -> -3, 2.5 -> 3).
// exponent in [0, 31].
inline int32_t roundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * 2^exponent for exponent > 0, saturating to the int32 range (gemmlowp's
// SaturatingRoundingMultiplyByPOT with a positive exponent); exponent < 0 rounds like
// roundingDivideByPOT.
inline int32_t saturatingRoundingMultiplyByPOT(int32_t x, int exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) return roundingDivideByPOT(x, -exponent);
  const int32_t threshold = static_cast<int32_t>((int64_t{1} << (31 - exponent)) - 1);
  if (x > threshold) return std::numeric_limits<int32_t>::max();
  if (x < -threshold) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

// (a + b) / 2 rounded to nearest, ties away from zero (VRHADD).
inline int32_t roundingHalfSum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + static_cast<int64_t>(b);
  const int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<int32_t>((sum + sign) / 2);
}

// The left shift wraps like TFLM's `x * (1 << left_shift)` on a two's-complement
// target; callers keep x small enough that it never does in practice.
inline int32_t shiftLeftWrapping(int32_t x, int left_shift) {
  return static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift);
}

// x * multiplier * 2^shift, the requantization of every conv / FC / mean output.
// `multiplier` is Q0.31 in [2^30, 2^31) (or 0), `shift` > 0 shifts left. Two roundings:
// one in the high multiply, one in the final shift (TFLM's double-rounding build).
inline int32_t multiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return roundingDivideByPOT(
      saturatingRoundingDoublingHighMul(shiftLeftWrapping(x, left_shift), multiplier), right_shift);
}

// The variant Add uses; `left_shift` <= 0. Same result as the general function.
inline int32_t multiplyByQuantizedMultiplierSmallerThanOneExp(int32_t x, int32_t multiplier,
                                                              int left_shift) {
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, multiplier), -left_shift);
}

// The variant Softmax uses; `left_shift` >= 0 and no rounding shift at the end.
inline int32_t multiplyByQuantizedMultiplierGreaterThanOne(int32_t x, int32_t multiplier,
                                                           int left_shift) {
  return saturatingRoundingDoublingHighMul(shiftLeftWrapping(x, left_shift), multiplier);
}

inline int countLeadingZeros(uint32_t x) {
  return x == 0 ? 32 : __builtin_clz(x);
}

inline int32_t clampToRange(int32_t x, int32_t lo, int32_t hi) {
  return std::min(std::max(x, lo), hi);
}

}  // namespace tinyforge::kernels
