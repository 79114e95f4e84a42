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

#include "tfc_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* a * b / 2^31 rounded to nearest, ties toward +inf (VQRDMULH); INT32_MIN * INT32_MIN
 * saturates to INT32_MAX. gemmlowp adds a sign-dependent nudge and divides truncating
 * toward zero; for every product but the saturating one that equals
 * floor((a*b + 2^30) / 2^31). */
TFC_ALWAYS_INLINE static inline int32_t tfc_srdhm(int32_t a, int32_t b) {
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  /* Both of gemmlowp's branches reduce to this (SMULL, ADDS/ADC, one shift on Cortex-M). */
  return (int32_t)(((int64_t)a * (int64_t)b + ((int64_t)1 << 30)) >> 31);
}

/* x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31]. */
TFC_ALWAYS_INLINE static inline int32_t tfc_rounding_divide_by_pot(int32_t x, int32_t exponent) {
  const int32_t mask = (int32_t)(((uint32_t)1 << exponent) - 1u);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* x << left_shift wrapping modulo 2^32 (TFLM's `x * (1 << left_shift)` on its targets). */
TFC_ALWAYS_INLINE static inline int32_t tfc_shift_left_wrapping(int32_t x, int32_t left_shift) {
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
TFC_ALWAYS_INLINE static inline int32_t tfc_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier,
                                                                             int32_t shift) {
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
TFC_ALWAYS_INLINE static inline int8_t tfc_requantize_to_s8(int32_t acc, int32_t multiplier, int32_t shift,
                                                            int32_t output_offset, int32_t act_min, int32_t act_max) {
  const int32_t value = tfc_multiply_by_quantized_multiplier(acc, multiplier, shift) + output_offset;
  return (int8_t)(value < act_min ? act_min : (value > act_max ? act_max : value));
}

/* The requantization of one output channel with its constants worked out once, for
 * kernels that requantize many outputs of the same channel: the same results as
 * tfc_requantize_to_s8 in fewer instructions.
 *
 * Fast form, valid for multiplier >= 0 and shift = -e with e >= 1 (every conv and FC
 * layer of a converted model: their real multipliers are below 1/2). With
 * P = acc * m + 2^30 the high multiply is x = floor(P / 2^31) (never saturating for
 * m >= 0), and the rounding shift of x is floor((x + 2^(e-1) - [x < 0]) / 2^e) (ties away
 * from zero). Since floor((floor(y) + c) / n) = floor((y + c) / n) for integer c, both
 * roundings fold into one:
 *   result = floor((acc * m + 2^30 + 2^(30+e) - [x < 0] * 2^31) / 2^(31+e))
 *          = (high word of that 64-bit sum) >> (e - 1)
 * and [x < 0] may be replaced by [acc < 0]: they differ only when acc * m is in
 * [-2^30, 0), where x = 0 and both give 0. On Cortex-M4 that is a rounding constant
 * picked by the sign, one SMLAL and one shift. Other multipliers take the general path. */
/* The fast form's rounding constant 2^30 + 2^(30+e) for 1 <= e <= 31: 2^(30+e) is
 * 2^(e-1) << 31, a 32-bit variable shift then a constant one. */
TFC_ALWAYS_INLINE static inline int64_t tfc_fast_requant_rounding(int32_t e) {
  return ((int64_t)1 << 30) + ((int64_t)((uint32_t)1 << ((e - 1) & 31)) << 31);
}

/* The fast form on its own: multiplier >= 0, e = -shift in [1, 31]. */
TFC_ALWAYS_INLINE static inline int32_t tfc_fast_requant_scale(int32_t acc, int32_t multiplier,
                                                               int64_t round_nonnegative, int64_t round_negative,
                                                               int32_t high_word_shift) {
  const int64_t sum = (acc < 0 ? round_negative : round_nonnegative) + (int64_t)acc * multiplier;
  return (int32_t)(sum >> 32) >> high_word_shift;
}

typedef struct {
  int64_t round_nonnegative; /* 2^30 + 2^(30+e) */
  int64_t round_negative;    /* the same - 2^31 */
  int32_t multiplier;
  int32_t high_word_shift; /* e - 1 */
  int32_t output_offset;
  int32_t act_min;
  int32_t act_max;
  int32_t fast; /* 1 when the fast form applies */
  tfc_requant requant;
} tfc_channel_requant;

TFC_ALWAYS_INLINE static inline tfc_channel_requant tfc_channel_requant_make(tfc_requant requant, int32_t output_offset,
                                                                             int32_t act_min, int32_t act_max) {
  tfc_channel_requant c;
  const int32_t e = -requant.shift;
  c.fast = requant.multiplier >= 0 && e >= 1 && e <= 31;
  c.round_nonnegative = tfc_fast_requant_rounding(e);
  c.round_negative = c.round_nonnegative - ((int64_t)1 << 31);
  c.multiplier = requant.multiplier;
  c.high_word_shift = (e - 1) & 31;
  c.output_offset = output_offset;
  c.act_min = act_min;
  c.act_max = act_max;
  c.requant = requant;
  return c;
}

/* Only when c->fast. */
TFC_ALWAYS_INLINE static inline int8_t tfc_channel_requantize_fast(int32_t acc, const tfc_channel_requant* c) {
  const int32_t value =
      tfc_fast_requant_scale(acc, c->multiplier, c->round_nonnegative, c->round_negative, c->high_word_shift) +
      c->output_offset;
  return (int8_t)(value < c->act_min ? c->act_min : (value > c->act_max ? c->act_max : value));
}

TFC_ALWAYS_INLINE static inline int8_t tfc_channel_requantize(int32_t acc, const tfc_channel_requant* c) {
  if (c->fast) return tfc_channel_requantize_fast(acc, c);
  return tfc_requantize_to_s8(acc, c->requant.multiplier, c->requant.shift, c->output_offset, c->act_min, c->act_max);
}

#ifdef __cplusplus
}
#endif

#endif /* TFC_FIXED_POINT_H */
