#pragma once
// DEQUANTIZE int8 -> float as TFLM (reference_ops::Dequantize): the scale is widened to
// double, the product taken in double and rounded once to float:
//   x = float(double(scale) * (q - zero_point))
// computed by the C library as one float multiply, which rounds that exact double product
// identically (see core/ckernels/tfc_dequantize.h).

#include <cstdint>
#include <span>

#include "core/ckernels/tfc_dequantize.h"
#include "core/kernels/quantize_multiplier.h"

namespace tinyforge::kernels {

void dequantizeInt8(TensorQuantization input, std::span<const int8_t> input_data, std::span<float> output);

inline float dequantizeValue(int8_t q, TensorQuantization input) {
  return tfc_dequantize_value(q, input.scale, input.zero_point);
}

}  // namespace tinyforge::kernels
