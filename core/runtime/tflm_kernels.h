#pragma once
// What each TFLM kernel allocates, in order, on a 32-bit Arm target built with
// arm-none-eabi-gcc (4-byte pointers, 8-byte alignment of 64-bit fields, short enums —
// the GCC bare-metal default, which makes TfLiteTensor 32 bytes). Sizes were obtained by
// compiling TFLM's own headers for armv7e-m with -fshort-enums and reading sizeof/alignof;
// the table and the sources are in docs/runtime-memory.md.
//
// Per operator:
//  - builtin parameters, parsed from the flatbuffer into the tail (sizeof, alignof);
//  - Init: the kernel's OpData via AllocatePersistentBuffer (16-byte aligned);
//  - Prepare: a sequence of temporary TfLiteTensors (freed only when the op's Prepare
//    ends), persistent buffers (per-channel multiplier/shift...) and scratch requests.

#include <cstdint>
#include <vector>

#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/runtime/runtime_model.h"

namespace tinyforge {

enum class TflmKernels { Reference, CmsisNn };

struct KernelAction {
  enum Kind : uint8_t { TempTensor, Persistent, Scratch };
  Kind kind;
  int32_t value;  // TempTensor: tensor index; Persistent / Scratch: bytes
};

struct KernelAllocations {
  int32_t builtin_bytes = 0;  // 0 = the parser allocates nothing
  int32_t builtin_align = 1;
  int32_t op_data_bytes = 0;  // 0 = no Init
  uint32_t first_action = 0;  // range in the shared action vector
  uint32_t action_count = 0;
};

// Appends op `op`'s Prepare actions to `actions` and describes its allocations.
// Throws std::invalid_argument naming the layer for an operator TFLM lacks.
KernelAllocations tflmKernelAllocations(const ShapedGraph& graph, const TensorModel& model, int op,
                                        TflmKernels kernels, ArmIsa isa, std::vector<KernelAction>& actions);

// Struct sizes on the target (bytes).
namespace tflm32 {
constexpr int32_t kTfLiteTensor = 32;
constexpr int32_t kTfLiteEvalTensor = 12;
constexpr int32_t kNodeAndRegistration = 32;
constexpr int32_t kTfLiteAffineQuantization = 12;
constexpr int32_t kScratchBufferRequest = 12;
constexpr int32_t kScratchBufferHandle = 4;
constexpr int32_t kAllocationInfo = 24;
constexpr int32_t kSubgraphAllocations = 8;
constexpr int32_t kMicroBuiltinDataAllocator = 8;
constexpr int32_t kGreedyMemoryPlanner = 44;
constexpr int32_t kSingleArenaBufferAllocator = 36;
constexpr int32_t kMicroAllocator = 36;
constexpr int32_t kRecordingSingleArenaBufferAllocator = 52;
constexpr int32_t kRecordingMicroAllocator = 124;
constexpr int32_t kMaxScratchBuffersPerOp = 12;
}  // namespace tflm32

}  // namespace tinyforge
