#ifndef TFC_MEAN_H
#define TFC_MEAN_H
/* Int8 MEAN: TFLM's reduce kernel for int8 (reference_ops::QuantizedMeanOrSum, mean).
 *   sum[o] = int32 sum of the n inputs reduced into output o
 *   requant = quantizeMultiplier(in_scale / out_scale)              (Prepare)
 *   s = min(floor(log2 n), 32, 31 + shift); m' = (int64(m) << s) / n; shift' = shift - s
 *   out = clamp(MBQM(sum - input_zero_point * n, m', shift') + output_zero_point, -128, 127)
 * (the 1/n folding happens here, at Eval, as in TFLM). No scratch: each output sums its
 * own inputs. Output elements are the kept dimensions in row-major order. Not in place. */

#include "tfc_common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const int8_t* input;
  int8_t* output;
  int32_t rank; /* 1..6 */
  int32_t input_dims[TFC_MAX_DIMS];
  uint32_t reduce_mask; /* bit d set: dimension d is reduced */
  tfc_requant requant;  /* in_scale / out_scale */
  int32_t input_zero_point;
  int32_t output_zero_point;
} tfc_mean_op;

void tfc_mean_s8(const tfc_mean_op* op);

#ifdef __cplusplus
}
#endif

#endif /* TFC_MEAN_H */
