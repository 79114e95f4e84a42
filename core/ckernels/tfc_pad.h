#ifndef TFC_PAD_H
#define TFC_PAD_H
/* Int8 PAD / PADV2: TFLM's reference_ops::Pad. Every output element inside the copied
 * region takes the next input element in row-major order, every other one pad_value
 * (PAD: the output zero point; PADV2: its constant). Output dim d =
 * input_dims[d] + pad_before[d] + pad_after[d]. Not in place. */

#include "tfc_common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const int8_t* input;
  int8_t* output;
  int32_t rank; /* 1..6 (TFLM: up to 5) */
  int32_t input_dims[TFC_MAX_DIMS];
  int32_t pad_before[TFC_MAX_DIMS];
  int32_t pad_after[TFC_MAX_DIMS];
  int32_t pad_value; /* -128..127 */
} tfc_pad_op;

void tfc_pad_s8(const tfc_pad_op* op);

#ifdef __cplusplus
}
#endif

#endif /* TFC_PAD_H */
