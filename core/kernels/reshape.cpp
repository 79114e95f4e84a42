#include "core/kernels/reshape.h"

#include <string>

#include "core/ckernels/tfc_reshape.h"
#include "core/kernels/ckernels_bridge.h"
#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

void reshapeInt8(std::span<const int8_t> input, std::span<int8_t> output) {
  if (input.size() != output.size()) {
    throw KernelError("Reshape: " + std::to_string(input.size()) + " elements cannot become " +
                      std::to_string(output.size()));
  }
  // The C kernel copies overlapping buffers safely and does nothing for aliased ones.
  const tfc_reshape_op op{input.data(), output.data(), elementCount32(static_cast<int64_t>(input.size()), "Reshape")};
  tfc_reshape(&op);
}

}  // namespace tinyforge::kernels
