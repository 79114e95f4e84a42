#include "core/kernels/reshape.h"

#include <cstring>
#include <string>

#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

void reshapeInt8(std::span<const int8_t> input, std::span<int8_t> output) {
  if (input.size() != output.size()) {
    throw KernelError("Reshape: " + std::to_string(input.size()) + " elements cannot become " +
                      std::to_string(output.size()));
  }
  // memmove: the interpreter may hand overlapping buffers when it aliases the tensors.
  if (!input.empty() && input.data() != output.data()) std::memmove(output.data(), input.data(), input.size());
}

}  // namespace tinyforge::kernels
