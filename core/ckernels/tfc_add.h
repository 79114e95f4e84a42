#ifndef TFC_ADD_H
#define TFC_ADD_H
/* Int8 ADD: TFLM's reference_integer_ops::AddFunc, elementwise or broadcast.
 *
 * Both inputs are brought to a common scale with left_shift (20) bits of headroom, added,
 * then rescaled to the output:
 *   a' = MBQM_smaller_than_one_exp((a + input1_offset) << left_shift, input1_requant)
 *   b' = MBQM_smaller_than_one_exp((b + input2_offset) << left_shift, input2_requant)
 *   out = clamp(MBQM_smaller_than_one_exp(a' + b', output_requant) + output_offset,
 *               act_min, act_max)
 * Shapes: `rank` (1..6) dimensions in each of the three dims arrays, inputs left-padded
 * with 1 to the output's rank; an input dimension equals the output's or is 1
 * (NumPy broadcasting). Equal shapes run the elementwise loop.
 *
 * In place: the output may be the same buffer as an input whose dims equal the output's
 * (each element is read before it is written).
 *
 * Paths: _plain and _dsp (offsets added four lanes at a time with SXTAB16), bit-identical;
 * broadcasting runs the same loop on both. */

#include "tfc_common.h"
#include "tfc_dsp.h"
#include "tfc_fixed_point.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  int32_t left_shift;
  int32_t input1_offset; /* -input 1 zero point */
  tfc_requant input1_requant;
  int32_t input2_offset; /* -input 2 zero point */
  tfc_requant input2_requant;
  int32_t output_offset; /* output zero point */
  tfc_requant output_requant;
  int32_t act_min;
  int32_t act_max;
} tfc_add_params;

typedef struct {
  const int8_t* input1;
  const int8_t* input2;
  int8_t* output;
  tfc_add_params params;
  int32_t rank;
  int32_t input1_dims[TFC_MAX_DIMS];
  int32_t input2_dims[TFC_MAX_DIMS];
  int32_t output_dims[TFC_MAX_DIMS];
} tfc_add_op;

/* One element (both paths and the broadcast loop use it). */
static inline int8_t tfc_add_s8_element(int8_t a, int8_t b, const tfc_add_params* p) {
  const int32_t shifted1 = tfc_shift_left_wrapping(p->input1_offset + a, p->left_shift);
  const int32_t shifted2 = tfc_shift_left_wrapping(p->input2_offset + b, p->left_shift);
  const int32_t scaled1 = tfc_multiply_by_quantized_multiplier_smaller_than_one_exp(
      shifted1, p->input1_requant.multiplier, p->input1_requant.shift);
  const int32_t scaled2 = tfc_multiply_by_quantized_multiplier_smaller_than_one_exp(
      shifted2, p->input2_requant.multiplier, p->input2_requant.shift);
  const int32_t raw = tfc_multiply_by_quantized_multiplier_smaller_than_one_exp(
                          scaled1 + scaled2, p->output_requant.multiplier, p->output_requant.shift) +
                      p->output_offset;
  return (int8_t)tfc_clamp_i32(raw, p->act_min, p->act_max);
}

void tfc_add_s8_plain(const tfc_add_op* op);
#if TFC_HAVE_DSP_PATH
void tfc_add_s8_dsp(const tfc_add_op* op);
#endif

static inline void tfc_add_s8(const tfc_add_op* op) {
#if TFC_TARGET_HAS_DSP
  tfc_add_s8_dsp(op);
#else
  tfc_add_s8_plain(op);
#endif
}

#ifdef __cplusplus
}
#endif

#endif /* TFC_ADD_H */
