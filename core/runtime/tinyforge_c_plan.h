#pragma once
// The arena of TinyForge's generated C runtime (`tinyforge-c`, core/codegen): which
// activation tensors share a buffer, which operators run in place, the scratch each kernel
// needs on the target core, and every buffer's offset in the one static arena.
//
// Decided from the model's geometry alone (no weights needed), so the estimator shows for a
// graph being drawn exactly the arena the generated code would declare:
//  - RESHAPE aliases its input: no code, no copy (the bytes are the same).
//  - An int8 DEPTHWISE_CONV_2D with multiplier 1 whose input dies at it writes its output over
//    its input (TinyEngine's in-place depthwise: one channel plane of scratch instead of a
//    second activation buffer). When the output is smaller (stride 2), the input's buffer
//    ends with the operator and the output gets a buffer of its own from the next operator
//    on; if the planner puts it elsewhere, a tfc_reshape moves the output's bytes there
//    right after the kernel. So the input's larger buffer does not stay reserved while the
//    smaller output lives (TinyEngine shrinks the buffer the same way). The move is safe:
//    what is alive at the operator and not after it is the input's buffer and the
//    operator's scratch, both done with; whatever lives on never shares the output's bytes.
//    Both ways (shrunk and kept whole) are planned and the smaller arena wins.
//  - ADD writes over an input of the output's shape that dies at it; int8 -> int8 QUANTIZE
//    (requantize) over its input.
//  - Scratch per operator from the C kernels' own formulas (core/ckernels tfc_*_scratch_bytes)
//    for the target's path (DSP extension, x86-64 host or plain C), alive only during that operator; int4
//    filters are unpacked into scratch as TFLM does.
//  - Offsets from the project's planner (TFLM's greedy rule, or the best offset planner)
//    over 4-byte aligned buffers.
// A write over an input needs every tensor sharing that input's buffer to be dead after the
// operator, so an alias is never overwritten while something still reads it.

#include <cstdint>
#include <vector>

#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"
#include "core/runtime/runtime_model.h"

namespace tinyforge {

struct TinyforgeCPlanOptions {
  bool dsp = true;               // kernels of cores with the DSP extension (scratch sizes differ)
  bool x86 = false;              // an x86-64 host build: tfc_<op>_s8 runs the x86 paths (dsp ignored)
  int32_t alignment_bytes = 4;   // of every buffer's size and offset
  // Greedy: TFLM's rule; Best: BestOffsetPlanner (offset_planner.h), never above it.
  MemoryPlanner planner = MemoryPlanner::Greedy;
  // Give a stride-2 in-place depthwise's output its own buffer (see above); planTinyforgeC
  // tries both and keeps the smaller arena, this pins one for tests.
  enum class Shrink { Best, Always, Never } shrink = Shrink::Best;
};

enum class TinyforgeCExecution {
  Kernel,   // output in its own buffer
  InPlace,  // output written over input `inplace_input`'s buffer
  Alias,    // no code: the output is the input's bytes (RESHAPE)
};

struct TinyforgeCStep {
  int op = -1;  // TensorModel operator index
  TinyforgeCExecution execution = TinyforgeCExecution::Kernel;
  int inplace_input = -1;        // operand index (into OperatorInfo::inputs) for InPlace / Alias
  int32_t unpack_bytes = 0;      // int4 filter unpacked at the start of the scratch (aligned)
  int32_t kernel_scratch_bytes = 0;  // the kernel's own scratch, after the unpacked filter
  int scratch_buffer = -1;       // index into buffers, -1 without scratch
  // InPlace depthwise whose smaller output has its own buffer at another offset: the kernel
  // writes over the start of the input's buffer, then tfc_reshape moves the bytes.
  bool moves_output = false;
};

struct TinyforgeCPlan {
  std::vector<TinyforgeCStep> steps;          // one per operator
  std::vector<PlannedBuffer> buffers;         // activation groups (tensor = first owner) and scratch
  std::vector<int> buffer_of_tensor;          // -1 for constants
  std::vector<int32_t> tensor_offset_bytes;   // arena offset of every activation tensor (-1 for constants)
  int64_t arena_bytes = 0;                    // the static arena the generated code declares
  int64_t lower_bound_bytes = 0;              // max over operators of this plan's live buffers
  std::vector<int64_t> live_bytes;            // per operator: bytes of the buffers alive while it runs
  std::vector<int64_t> arena_end_bytes;       // per operator: highest arena byte in use
};

// Throws std::invalid_argument naming the layer when an operator's geometry is impossible.
TinyforgeCPlan planTinyforgeC(const ShapedGraph& graph, const TensorModel& model,
                              const TinyforgeCPlanOptions& options = {});

// Per operator: RESHAPE run as an alias (no code, no descriptor) / an output moved after an
// in-place kernel (one more tfc_reshape call and descriptor).
std::vector<bool> tinyforgeCAliasedOps(const TinyforgeCPlan& plan);
std::vector<bool> tinyforgeCMovedOutputs(const TinyforgeCPlan& plan);

}  // namespace tinyforge
