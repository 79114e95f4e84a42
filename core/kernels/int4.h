#pragma once
// TFLite's packed int4 tensors (kTfLiteInt4): two signed nibbles per byte, the element
// with the even index in the low nibble. TFLM unpacks such filters into an int8 scratch
// buffer before running the int8 kernel (tensor_utils::UnpackDenseInt4IntoInt8).

#include <cstdint>
#include <span>
#include <vector>

namespace tinyforge::kernels {

// Sign-extends each nibble; an odd count reads only the low nibble of the last byte.
// Throws KernelError when `packed` holds fewer than ceil(num_elements / 2) bytes.
std::vector<int8_t> unpackInt4(std::span<const uint8_t> packed, int64_t num_elements);

// The inverse, for tests and for an exporter writing int4 filters; values must be in
// [-8, 7] (KernelError otherwise).
std::vector<uint8_t> packInt4(std::span<const int8_t> values);

}  // namespace tinyforge::kernels
