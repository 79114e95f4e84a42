#pragma once
// DEQUANTIZE int8 -> float as TFLM (reference_ops::Dequantize): the scale is widened to
// double, the product taken in double and rounded once to float:
//   x = float(double(scale) * (q - zero_point))

#include <cstdint>
#include <span>

#include "core/kernels/quantize_multiplier.h"

namespace tinyforge::kernels {

void dequantizeInt8(TensorQuantization input, std::span<const int8_t> input_data, std::span<float> output);

inline float dequantizeValue(int8_t q, TensorQuantization input) {
  return static_cast<float>(static_cast<double>(input.scale) * (static_cast<int32_t>(q) - input.zero_point));
}

}  // namespace tinyforge::kernels
