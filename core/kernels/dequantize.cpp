#include "core/kernels/dequantize.h"

#include <string>

#include "core/kernels/ckernels_bridge.h"
#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

void dequantizeInt8(TensorQuantization input, std::span<const int8_t> input_data, std::span<float> output) {
  if (input_data.size() != output.size()) {
    throw KernelError("Dequantize: " + std::to_string(input_data.size()) + " int8 values into " +
                      std::to_string(output.size()) + " floats");
  }
  tfc_dequantize_op op{};
  op.input = input_data.data();
  op.output = output.data();
  op.size = elementCount32(static_cast<int64_t>(output.size()), "Dequantize");
  op.scale = input.scale;
  op.zero_point = input.zero_point;
  tfc_dequantize_s8_f32(&op);
}

}  // namespace tinyforge::kernels
