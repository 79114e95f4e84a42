#include "core/interpreter/prepare_operator.h"

#include <memory>
#include <utility>
#include <vector>

namespace tinyforge {

StepFunction prepareOperator(const Node& node, std::span<const ActivationView> inputs, const ActivationView& output,
                             bool reference_kernels) {
  auto call = std::make_shared<KernelCall>(prepareKernelCall(node, inputs, output));
  // The C library's path for this build's target (x86 SIMD on x86-64 hosts), or its plain
  // path in reference mode.
  const int path = reference_kernels ? TFC_PATH_PLAIN : TFC_PATH_NATIVE;
  // The step owns its scratch and the concatenation's pointer list: an interpreter runs one
  // inference at a time.
  auto scratch =
      std::make_shared<std::vector<uint32_t>>(static_cast<size_t>(kernelScratchBytes(*call, path) + 3) / 4);
  auto pointers = std::make_shared<std::vector<const int8_t*>>();
  return [call, scratch, pointers, path](uint8_t* arena) {
    const KernelDescriptor bound = bindKernelCall(*call, arena, scratch->empty() ? nullptr : scratch->data(), *pointers);
    runKernel(call->kind, bound, path);
  };
}

}  // namespace tinyforge
