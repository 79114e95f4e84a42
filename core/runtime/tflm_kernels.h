#pragma once
// What each TFLM kernel allocates, in order, on a build target (by default a 32-bit Arm
// core built with arm-none-eabi-gcc: 4-byte pointers, 8-byte alignment of 64-bit fields,
// short enums — the GCC bare-metal default, which makes TfLiteTensor 32 bytes). Sizes were
// obtained by compiling TFLM's own headers for the target and reading sizeof/alignof;
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

// The sizes and alignments that decide TFLM's arena on a build target. Obtained by
// compiling TFLM's headers for the target and reading sizeof/alignof (see
// docs/runtime-memory.md); 32-bit Arm uses GCC's bare-metal short enums.
struct TflmTarget {
  const char* name;
  int32_t pointer_bytes;      // also size_t
  int32_t struct_align;       // alignof of the runtime's structs holding pointers
  int32_t tflite_tensor;      // TfLiteTensor (TF_LITE_STATIC_MEMORY)
  int32_t eval_tensor;        // TfLiteEvalTensor
  int32_t node_and_registration;
  int32_t affine_quantization;  // TfLiteAffineQuantization
  int32_t scratch_request;    // internal::ScratchBufferRequest
  int32_t scratch_handle;     // ScratchBufferHandle
  int32_t allocation_info;    // AllocationInfo
  int32_t subgraph_allocations;
  int32_t builtin_data_allocator;  // MicroBuiltinDataAllocator
  int32_t greedy_planner;          // GreedyMemoryPlanner
  int32_t single_arena_allocator;  // SingleArenaBufferAllocator
  int32_t micro_allocator;         // MicroAllocator
  int32_t recording_single_arena_allocator;
  int32_t recording_micro_allocator;
  // Builtin parameters whose size depends on the enum size: {bytes, alignment}.
  int32_t fully_connected_params, fully_connected_params_align;
  int32_t add_params, add_params_align;
  // Kernel OpData that hold pointers or 64-bit fields (reference / CMSIS-NN).
  int32_t op_data_conv, op_data_conv_cmsis;  // OpDataConv (+ buffer_idx)
  int32_t op_data_fully_connected, op_data_fully_connected_cmsis;
  int32_t op_data_softmax, op_data_softmax_cmsis;  // SoftmaxParams (+ rows)
  int32_t op_data_concatenation;                   // ConcatenationParams
};

const TflmTarget& cortexM32Target();  // Cortex-M, arm-none-eabi-gcc (the default)
const TflmTarget& x86_64Target();     // a 64-bit Linux host (gcc/clang, int enums)

constexpr int32_t kMaxScratchBuffersPerOp = 12;  // micro_allocator.cc

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
                                        TflmKernels kernels, ArmIsa isa, const TflmTarget& target,
                                        std::vector<KernelAction>& actions);


}  // namespace tinyforge
