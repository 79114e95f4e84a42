#ifndef TFC_DEQUANTIZE_H
#define TFC_DEQUANTIZE_H
/* DEQUANTIZE int8 -> float as TFLM (reference_ops::Dequantize):
 * x = float(double(scale) * (q - zero_point)). The double product of a float and a 9-bit
 * integer is exact, so one float multiply rounds it identically (no double arithmetic,
 * which Cortex-M4/M33 would emulate in software). */

#include "tfc_common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const int8_t* input;
  float* output;
  int32_t size;
  float scale;
  int32_t zero_point;
} tfc_dequantize_op;

void tfc_dequantize_s8_f32(const tfc_dequantize_op* op);

static inline float tfc_dequantize_value(int8_t q, float scale, int32_t zero_point) {
  return scale * (float)((int32_t)q - zero_point);
}

#ifdef __cplusplus
}
#endif

#endif /* TFC_DEQUANTIZE_H */
