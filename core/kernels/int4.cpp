#include "core/kernels/int4.h"

#include <string>

#include "core/ckernels/tfc_int4.h"
#include "core/kernels/ckernels_bridge.h"
#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

std::vector<int8_t> unpackInt4(std::span<const uint8_t> packed, int64_t num_elements) {
  if (num_elements < 0 || static_cast<int64_t>(packed.size()) < (num_elements + 1) / 2) {
    throw KernelError("int4 unpack: " + std::to_string(packed.size()) + " bytes cannot hold " +
                      std::to_string(num_elements) + " int4 values");
  }
  std::vector<int8_t> out(static_cast<size_t>(num_elements));
  tfc_unpack_int4(packed.data(), elementCount32(num_elements, "int4 unpack"), out.data());
  return out;
}

std::vector<uint8_t> packInt4(std::span<const int8_t> values) {
  std::vector<uint8_t> out((values.size() + 1) / 2, 0);
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] < -8 || values[i] > 7) {
      throw KernelError("int4 pack: value " + std::to_string(values[i]) + " at index " + std::to_string(i) +
                        " is outside [-8, 7]");
    }
    const auto nibble = static_cast<uint8_t>(values[i] & 0x0F);
    out[i / 2] |= (i % 2 == 0) ? nibble : static_cast<uint8_t>(nibble << 4);
  }
  return out;
}

}  // namespace tinyforge::kernels
