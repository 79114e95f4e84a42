#include "tfc_dequantize.h"

void tfc_dequantize_s8_f32(const tfc_dequantize_op* op) {
  int32_t i;
  for (i = 0; i < op->size; ++i) op->output[i] = tfc_dequantize_value(op->input[i], op->scale, op->zero_point);
}
