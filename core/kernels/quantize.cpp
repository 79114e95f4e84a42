#include "core/kernels/quantize.h"

#include <cmath>
#include <string>

#include "core/kernels/fixed_point.h"
#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

int8_t quantizeValueInt8(float x, TensorQuantization output) {
  const float rounded = std::round(x / output.scale);
  if (std::isnan(rounded)) return static_cast<int8_t>(clampToRange(output.zero_point, -128, 127));
  // Clamp in float before converting so that huge values saturate instead of overflowing
  // int32; within int32 range this equals TFLM's convert-then-clamp.
  const float bounded = std::fmin(std::fmax(rounded, -1.0e6f), 1.0e6f);
  const int32_t q = static_cast<int32_t>(bounded) + output.zero_point;
  return static_cast<int8_t>(clampToRange(q, -128, 127));
}

void quantizeFloatToInt8(TensorQuantization output, std::span<const float> input, std::span<int8_t> output_data) {
  if (input.size() != output_data.size()) {
    throw KernelError("Quantize: " + std::to_string(input.size()) + " floats into " +
                      std::to_string(output_data.size()) + " int8 values");
  }
  if (!(output.scale > 0.0f)) {
    throw KernelError("Quantize: output scale " + std::to_string(output.scale) + " is not positive");
  }
  for (size_t i = 0; i < input.size(); ++i) output_data[i] = quantizeValueInt8(input[i], output);
}

RequantizeParams prepareRequantize(TensorQuantization input, TensorQuantization output) {
  if (!(output.scale > 0.0f)) {
    throw KernelError("Quantize: output scale " + std::to_string(output.scale) + " is not positive");
  }
  return {quantizeMultiplier(static_cast<double>(input.scale) / static_cast<double>(output.scale)), input.zero_point,
          output.zero_point};
}

void requantizeInt8(const RequantizeParams& params, std::span<const int8_t> input, std::span<int8_t> output) {
  if (input.size() != output.size()) {
    throw KernelError("Quantize: " + std::to_string(input.size()) + " int8 values into " +
                      std::to_string(output.size()));
  }
  for (size_t i = 0; i < input.size(); ++i) {
    const int32_t value =
        multiplyByQuantizedMultiplier(input[i] - params.input_zero_point, params.multiplier.multiplier,
                                      params.multiplier.shift) +
        params.output_zero_point;
    output[i] = static_cast<int8_t>(clampToRange(value, -128, 127));
  }
}

}  // namespace tinyforge::kernels
