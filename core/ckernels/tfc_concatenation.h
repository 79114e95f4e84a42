#ifndef TFC_CONCATENATION_H
#define TFC_CONCATENATION_H
/* Int8 CONCATENATION: TFLM's reference_ops::Concatenation, a copy of each input's slab
 * along `axis`. Inputs share the output's quantization (TFLM refuses others; requantize
 * them first with tfc_requantize_s8). Not in place. */

#include "tfc_common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const int8_t* const* inputs;    /* num_inputs pointers */
  const int32_t* input_axis_dims; /* num_inputs sizes along axis; they add up to output_dims[axis] */
  int32_t num_inputs;
  int8_t* output;
  int32_t rank; /* 1..6 */
  int32_t output_dims[TFC_MAX_DIMS];
  int32_t axis; /* 0..rank-1 (resolved) */
} tfc_concatenation_op;

void tfc_concatenation_s8(const tfc_concatenation_op* op);

#ifdef __cplusplus
}
#endif

#endif /* TFC_CONCATENATION_H */
