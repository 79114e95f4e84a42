#pragma once
// RESHAPE: TFLM copies the bytes unchanged (or aliases them when input and output share
// a buffer); the quantization is carried over as is.

#include <cstdint>
#include <span>

namespace tinyforge::kernels {

// Throws KernelError when the element counts differ.
void reshapeInt8(std::span<const int8_t> input, std::span<int8_t> output);

}  // namespace tinyforge::kernels
