#include <array>

#include "core/runtime/tflm_runtime.h"

namespace tinyforge {
namespace {

// TFLM framework without kernels on a Cortex-M3 (examples/memory_footprint/README.md):
// 9,732 B; the allocator, interpreter, flatbuffer access and the op resolver.
constexpr int64_t kFrameworkBytes = 9732;

// Per kernel (reference / CMSIS-NN), Cortex-M -Os estimates: see docs/runtime-memory.md.
int64_t kernelBytes(NodeKind kind, TflmKernels kernels) {
  const bool cmsis = kernels == TflmKernels::CmsisNn;
  switch (kind) {
    case NodeKind::Conv2D: return cmsis ? 6144 : 3584;
    case NodeKind::DepthwiseConv2D: return cmsis ? 6144 : 3584;
    case NodeKind::FullyConnected: return cmsis ? 2560 : 2048;
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D: return cmsis ? 2560 : 2048;
    case NodeKind::Add: return cmsis ? 2560 : 2560;
    case NodeKind::Softmax: return cmsis ? 2048 : 2560;
    case NodeKind::Reshape: return 512;
    case NodeKind::Pad: return 1536;
    case NodeKind::Mean: return 3072;
    case NodeKind::Quantize: return 2048;
    case NodeKind::Dequantize: return 1024;
    case NodeKind::Concatenation: return 1536;
    default: return 2048;
  }
}

}  // namespace

int64_t tflmCodeBytes(const TensorModel& model, TflmKernels kernels) {
  std::array<bool, 64> used{};
  int64_t bytes = kFrameworkBytes;
  for (const OperatorInfo& op : model.operators) {
    const size_t kind = static_cast<size_t>(op.kind);
    if (kind < used.size() && !used[kind]) {
      used[kind] = true;
      bytes += kernelBytes(op.kind, kernels);
    }
  }
  return bytes;
}

}  // namespace tinyforge
