#include "tfc_quantize.h"

#include "tfc_fixed_point.h"

/* round() of <math.h>, half away from zero, without libm: below 2^23 a float has a
 * fractional part, and x - trunc(x) is exact; from 2^23 on every float is an integer. */
static float round_half_away_from_zero(float x) {
  const float two_pow_23 = 8388608.0f;
  float truncated, fraction;
  if (!(x > -two_pow_23 && x < two_pow_23)) return x; /* integers, infinities, NaN */
  truncated = (float)(int32_t)x;
  fraction = x - truncated;
  if (fraction >= 0.5f) return truncated + 1.0f;
  if (fraction <= -0.5f) return truncated - 1.0f;
  return truncated;
}

int8_t tfc_quantize_value_s8(float x, float scale, int32_t zero_point) {
  float rounded = round_half_away_from_zero(x / scale);
  if (rounded != rounded) return (int8_t)tfc_clamp_i32(zero_point, -128, 127); /* NaN */
  /* Clamp in float before converting so that huge values saturate instead of overflowing
   * int32; within int32 range this equals TFLM's convert-then-clamp. */
  if (rounded < -1.0e6f) rounded = -1.0e6f;
  if (rounded > 1.0e6f) rounded = 1.0e6f;
  return (int8_t)tfc_clamp_i32((int32_t)rounded + zero_point, -128, 127);
}

void tfc_quantize_f32_s8(const tfc_quantize_op* op) {
  int32_t i;
  for (i = 0; i < op->size; ++i) op->output[i] = tfc_quantize_value_s8(op->input[i], op->scale, op->zero_point);
}

void tfc_requantize_s8(const tfc_requantize_op* op) {
  int32_t i;
  for (i = 0; i < op->size; ++i) {
    const int32_t value = tfc_multiply_by_quantized_multiplier((int32_t)op->input[i] - op->input_zero_point,
                                                               op->requant.multiplier, op->requant.shift) +
                          op->output_zero_point;
    op->output[i] = (int8_t)tfc_clamp_i32(value, -128, 127);
  }
}
