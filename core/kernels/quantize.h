#pragma once
// QUANTIZE as TFLM runs it on int8 outputs.
//
// float -> int8 (reference_ops::AffineQuantize):
//   q = clamp(int32(round(x / float(scale))) + zero_point, -128, 127)
//   the division is in float and round() is half away from zero.
// int8 -> int8 (reference_ops::Requantize), e.g. to bring a tensor to another scale:
//   Prepare: (m, shift) = quantizeMultiplier(double(in_scale) / double(out_scale))
//   q = clamp(multiplyByQuantizedMultiplier(x - in_zp, m, shift) + out_zp, -128, 127)

#include <cstdint>
#include <span>

#include "core/kernels/quantize_multiplier.h"

namespace tinyforge::kernels {

void quantizeFloatToInt8(TensorQuantization output, std::span<const float> input, std::span<int8_t> output_data);

// One value; NaN becomes the zero point, +-inf saturates.
int8_t quantizeValueInt8(float x, TensorQuantization output);

struct RequantizeParams {
  QuantizedMultiplier multiplier;
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
};

RequantizeParams prepareRequantize(TensorQuantization input, TensorQuantization output);

void requantizeInt8(const RequantizeParams& params, std::span<const int8_t> input, std::span<int8_t> output);

}  // namespace tinyforge::kernels
