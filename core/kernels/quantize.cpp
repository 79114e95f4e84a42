#include "core/kernels/quantize.h"

#include <string>

#include "core/ckernels/tfc_quantize.h"
#include "core/kernels/ckernels_bridge.h"
#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

int8_t quantizeValueInt8(float x, TensorQuantization output) {
  return tfc_quantize_value_s8(x, output.scale, output.zero_point);
}

void quantizeFloatToInt8(TensorQuantization output, std::span<const float> input, std::span<int8_t> output_data) {
  if (input.size() != output_data.size()) {
    throw KernelError("Quantize: " + std::to_string(input.size()) + " floats into " +
                      std::to_string(output_data.size()) + " int8 values");
  }
  if (!(output.scale > 0.0f)) {
    throw KernelError("Quantize: output scale " + std::to_string(output.scale) + " is not positive");
  }
  tfc_quantize_op op{};
  op.input = input.data();
  op.output = output_data.data();
  op.size = elementCount32(static_cast<int64_t>(input.size()), "Quantize");
  op.scale = output.scale;
  op.zero_point = output.zero_point;
  tfc_quantize_f32_s8(&op);
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
  tfc_requantize_op op{};
  op.input = input.data();
  op.output = output.data();
  op.size = elementCount32(static_cast<int64_t>(input.size()), "Quantize");
  op.requant = toC(params.multiplier);
  op.input_zero_point = params.input_zero_point;
  op.output_zero_point = params.output_zero_point;
  tfc_requantize_s8(&op);
}

}  // namespace tinyforge::kernels
