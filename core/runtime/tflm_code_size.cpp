#include <array>

#include "core/runtime/tflm_runtime.h"

namespace tinyforge {
namespace {

// TFLM framework without kernels on a Cortex-M3 (examples/memory_footprint/README.md):
// 9,732 B; the allocator, interpreter, flatbuffer access and the op resolver.
constexpr int64_t kFrameworkBytes = 9732;

// Per kernel (reference / CMSIS-NN), Cortex-M -Os. Not measured here (no Arm toolchain):
// calibrated so that (a) MicroNets' KWS op set (conv, depthwise, average pool, reshape,
// fully connected, softmax) with CMSIS-NN gives the "37 KB eFlash" TFLM interpreter of the
// MicroNets paper, and (b) CMSIS-NN adds ~18 KB over reference kernels on MCUNet's op set
// (conv, depthwise, add, average pool, reshape, fully connected), TinyEngine's table
// (STM32H743, TFLM vs CMSIS-NN columns: +15..19 KB). See docs/runtime-memory.md.
int64_t kernelBytes(NodeKind kind, TflmKernels kernels) {
  const bool cmsis = kernels == TflmKernels::CmsisNn;
  switch (kind) {
    case NodeKind::Conv2D: return cmsis ? 11264 : 2560;
    case NodeKind::DepthwiseConv2D: return cmsis ? 8192 : 2560;
    case NodeKind::FullyConnected: return cmsis ? 3584 : 2048;
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D: return cmsis ? 3072 : 2048;
    case NodeKind::Add: return cmsis ? 3072 : 2048;
    case NodeKind::Softmax: return 2560;
    case NodeKind::Reshape: return 512;
    case NodeKind::Pad: return cmsis ? 2048 : 1536;
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
