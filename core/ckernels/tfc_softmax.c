#include "tfc_softmax.h"

#include "tfc_fixed_point.h"
#include "tfc_fixed_point_exp.h"

#define TFC_SOFTMAX_DIFF_INTEGER_BITS 5
#define TFC_SOFTMAX_ACCUMULATION_INTEGER_BITS 12

/* exp(beta * scale * diff) in Q0.31 for diff in [diff_min, 0]. */
static int32_t scaled_exp(const tfc_softmax_op* op, int32_t diff) {
  const int32_t rescaled =
      tfc_multiply_by_quantized_multiplier_greater_than_one(diff, op->input_multiplier, op->input_left_shift);
  return tfc_exp_on_negative_values(rescaled, TFC_SOFTMAX_DIFF_INTEGER_BITS);
}

void tfc_softmax_s8(const tfc_softmax_op* op) {
  const int32_t depth = op->depth;
  int32_t r, c;
  for (r = 0; r < op->rows; ++r) {
    const int8_t* in = op->input + (size_t)r * depth;
    int8_t* out = op->output + (size_t)r * depth;
    int32_t max_in_row = -128;
    int32_t sum_of_exps = 0; /* Q12.19 */
    int32_t num_bits_over_unit = 0;
    int32_t shifted_scale, exponent;
    for (c = 0; c < depth; ++c) max_in_row = tfc_max_i32(max_in_row, in[c]);
    for (c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= op->diff_min) {
        sum_of_exps += tfc_rounding_divide_by_pot(scaled_exp(op, diff), TFC_SOFTMAX_ACCUMULATION_INTEGER_BITS);
      }
    }
    shifted_scale = tfc_get_reciprocal(sum_of_exps, TFC_SOFTMAX_ACCUMULATION_INTEGER_BITS, &num_bits_over_unit);
    exponent = num_bits_over_unit + 31 - 8;
    /* At least the row's maximum contributes 2^19, so the exponent is >= 23; it exceeds 31
     * only when more than 4095 elements tie near the maximum and the Q12.19 sum wraps
     * (TFLM's shift is then undefined). Keep the shift defined. */
    if (exponent > 31) exponent = 31;
    for (c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= op->diff_min) {
        const int32_t unsat = tfc_rounding_divide_by_pot(tfc_srdhm(shifted_scale, scaled_exp(op, diff)), exponent);
        out[c] = (int8_t)tfc_clamp_i32(unsat - 128, -128, 127);
      } else {
        out[c] = -128;
      }
    }
  }
}
