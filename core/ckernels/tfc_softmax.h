#ifndef TFC_SOFTMAX_H
#define TFC_SOFTMAX_H
/* Int8 SOFTMAX (int8 in, int8 out with scale 1/256 and zero point -128): TFLM's
 * reference_ops::Softmax<int8_t, int8_t>, gemmlowp fixed point, no float, no table.
 * Per row of `depth` elements:
 *   diff = x - max(row); diff < diff_min gives -128
 *   e = exp_on_negative_values(MBQM_greater_than_one(diff, input_multiplier,
 *                                                     input_left_shift), 5)   (Q0.31)
 *   sum = sum of rounding_divide_by_pot(e, 12)                                 (Q12.19)
 *   recip = get_reciprocal(sum, 12, &bits)
 *   out = clamp(rounding_divide_by_pot(srdhm(recip, e), bits + 23) - 128, -128, 127)
 * Parameters as TFLM's Prepare (core/kernels/softmax.h). Not in place. */

#include "tfc_common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const int8_t* input;
  int8_t* output;
  int32_t rows;
  int32_t depth;
  int32_t input_multiplier;
  int32_t input_left_shift;
  int32_t diff_min;
} tfc_softmax_op;

void tfc_softmax_s8(const tfc_softmax_op* op);

#ifdef __cplusplus
}
#endif

#endif /* TFC_SOFTMAX_H */
