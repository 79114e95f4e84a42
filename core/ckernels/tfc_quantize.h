#ifndef TFC_QUANTIZE_H
#define TFC_QUANTIZE_H
/* QUANTIZE as TFLM runs it on int8 outputs.
 * float -> int8 (reference_ops::AffineQuantize): q = clamp(round(x / scale) + zero_point,
 *   -128, 127), the division in float, round() half away from zero, NaN -> zero point.
 *   The only float arithmetic of the library besides Dequantize.
 * int8 -> int8 (reference_ops::Requantize): requant = quantizeMultiplier(in_scale /
 *   out_scale) at Prepare; q = clamp(MBQM(x - input_zero_point, requant) +
 *   output_zero_point, -128, 127). May run in place (output == input). */

#include "tfc_common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const float* input;
  int8_t* output;
  int32_t size;
  float scale;
  int32_t zero_point;
} tfc_quantize_op;

typedef struct {
  const int8_t* input;
  int8_t* output;
  int32_t size;
  tfc_requant requant;
  int32_t input_zero_point;
  int32_t output_zero_point;
} tfc_requantize_op;

void tfc_quantize_f32_s8(const tfc_quantize_op* op);
int8_t tfc_quantize_value_s8(float x, float scale, int32_t zero_point);
void tfc_requantize_s8(const tfc_requantize_op* op);

#ifdef __cplusplus
}
#endif

#endif /* TFC_QUANTIZE_H */
