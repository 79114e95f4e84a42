#ifndef TFC_FIXED_POINT_H
#define TFC_FIXED_POINT_H
/* Integer rounding primitives with the exact semantics TFLM gets from gemmlowp's
 * fixedpoint.h and tensorflow/lite/kernels/internal/common.h in its default
 * double-rounding build (TFLITE_SINGLE_ROUNDING unset), the build that produced the
 * reference vectors. Every int8 kernel funnels its requantization through these, so one
 * LSB of difference here shows up in every layer.
 *
 * Right shifts of negative values are arithmetic (true of every compiler this library
 * targets: GCC, Clang, arm-none-eabi-gcc); left shifts go through uint32_t so that they
 * are defined behaviour in C99 and wrap like TFLM's `x * (1 << n)` on its targets. */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* a * b / 2^31 rounded to nearest, ties toward +inf (VQRDMULH); INT32_MIN * INT32_MIN
 * saturates to INT32_MAX. gemmlowp adds a sign-dependent nudge and divides truncating
 * toward zero; for every product but the saturating one that equals
 * floor((a*b + 2^30) / 2^31). */
static inline int32_t tfc_srdhm(int32_t a, int32_t b) {
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  /* Both of gemmlowp's branches reduce to this (SMULL, ADDS/ADC, one shift on Cortex-M). */
  return (int32_t)(((int64_t)a * (int64_t)b + ((int64_t)1 << 30)) >> 31);
}

/* x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31]. */
static inline int32_t tfc_rounding_divide_by_pot(int32_t x, int32_t exponent) {
  const int32_t mask = (int32_t)(((uint32_t)1 << exponent) - 1u);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* x << left_shift wrapping modulo 2^32 (TFLM's `x * (1 << left_shift)` on its targets). */
static inline int32_t tfc_shift_left_wrapping(int32_t x, int32_t left_shift) {
  return (int32_t)((uint32_t)x << left_shift);
}

/* x * 2^exponent saturating to int32 for exponent > 0 (gemmlowp's
 * SaturatingRoundingMultiplyByPOT); exponent < 0 rounds like tfc_rounding_divide_by_pot. */
static inline int32_t tfc_saturating_rounding_multiply_by_pot(int32_t x, int32_t exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) return tfc_rounding_divide_by_pot(x, -exponent);
  {
    const int32_t threshold = (int32_t)(((int64_t)1 << (31 - exponent)) - 1);
    if (x > threshold) return INT32_MAX;
    if (x < -threshold) return INT32_MIN;
    return tfc_shift_left_wrapping(x, exponent);
  }
}

/* (a + b) / 2 rounded to nearest, ties away from zero (VRHADD). */
static inline int32_t tfc_rounding_half_sum(int32_t a, int32_t b) {
  const int64_t sum = (int64_t)a + (int64_t)b;
  const int64_t sign = sum >= 0 ? 1 : -1;
  return (int32_t)((sum + sign) / 2);
}

/* x * multiplier * 2^shift: the requantization of every conv / FC / mean output. Two
 * roundings, one in the high multiply and one in the final shift (double-rounding build). */
static inline int32_t tfc_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int32_t shift) {
  const int32_t left_shift = shift > 0 ? shift : 0;
  const int32_t right_shift = shift > 0 ? 0 : -shift;
  return tfc_rounding_divide_by_pot(tfc_srdhm(tfc_shift_left_wrapping(x, left_shift), multiplier), right_shift);
}

/* The variant Add uses; left_shift <= 0. */
static inline int32_t tfc_multiply_by_quantized_multiplier_smaller_than_one_exp(int32_t x, int32_t multiplier,
                                                                                 int32_t left_shift) {
  return tfc_rounding_divide_by_pot(tfc_srdhm(x, multiplier), -left_shift);
}

/* The variant Softmax uses; left_shift >= 0 and no rounding shift at the end. */
static inline int32_t tfc_multiply_by_quantized_multiplier_greater_than_one(int32_t x, int32_t multiplier,
                                                                             int32_t left_shift) {
  return tfc_srdhm(tfc_shift_left_wrapping(x, left_shift), multiplier);
}

/* Leading zeros of a 32-bit value; 32 for 0. */
static inline int32_t tfc_count_leading_zeros(uint32_t x) {
#if defined(__GNUC__) || defined(__clang__)
  return x == 0 ? 32 : (int32_t)__builtin_clz(x);
#else
  int32_t n = 0;
  if (x == 0) return 32;
  while (!(x & 0x80000000u)) {
    x <<= 1;
    ++n;
  }
  return n;
#endif
}

/* Requantizes an int32 accumulator to an int8 output:
 * clamp(MBQM(acc, m, shift) + output_offset, act_min, act_max). */
static inline int8_t tfc_requantize_to_s8(int32_t acc, int32_t multiplier, int32_t shift, int32_t output_offset,
                                          int32_t act_min, int32_t act_max) {
  const int32_t value = tfc_multiply_by_quantized_multiplier(acc, multiplier, shift) + output_offset;
  return (int8_t)(value < act_min ? act_min : (value > act_max ? act_max : value));
}

#ifdef __cplusplus
}
#endif

#endif /* TFC_FIXED_POINT_H */
