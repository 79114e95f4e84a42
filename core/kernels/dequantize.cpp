#include "core/kernels/dequantize.h"

#include <string>

#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

void dequantizeInt8(TensorQuantization input, std::span<const int8_t> input_data, std::span<float> output) {
  if (input_data.size() != output.size()) {
    throw KernelError("Dequantize: " + std::to_string(input_data.size()) + " int8 values into " +
                      std::to_string(output.size()) + " floats");
  }
  for (size_t i = 0; i < output.size(); ++i) output[i] = dequantizeValue(input_data[i], input);
}

}  // namespace tinyforge::kernels
