#pragma once
// What a runtime (TFLM with reference or CMSIS-NN kernels, TinyEngine-style generated code,
// or the theoretical lower bound) needs in SRAM and Flash to run a lowered model on a
// 32-bit microcontroller. Each runtime is a class behind RuntimeModel; every figure is
// computed by modelling how that runtime allocates (see docs/runtime-memory.md), never
// looked up, so it holds for models nobody measured.
//
// estimate() writes into a caller-owned RuntimeEstimate and reuses its vectors, so
// repeated estimates (a search evaluates many) allocate nothing once warmed up.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/graph/graph.h"
#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"

namespace tinyforge {

// The Arm core's SIMD extension, which decides CMSIS-NN's kernels and scratch buffers.
enum class ArmIsa {
  None,  // Cortex-M0/M0+/M3: plain C kernels
  Dsp,   // Cortex-M4/M7/M33/M35P: DSP extension (ARM_MATH_DSP)
  Mve,   // Cortex-M55/M85: Helium (ARM_MATH_MVEI)
};

// Who places the arena's buffers.
enum class MemoryPlanner {
  Greedy,  // the runtime's own planner: TFLM's GreedyMemoryPlanner (honouring an offline
           // plan the model carries), TinyEngine-style first fit for generated code
  Best,    // BestOffsetPlanner (offset_planner.h); for TFLM the plan is shipped inside the
           // .tflite as OfflineMemoryAllocation, so TFLM uses it unmodified
};
const char* toString(MemoryPlanner planner);  // "greedy", "best"
std::optional<MemoryPlanner> memoryPlannerFromString(const std::string& text);

struct RuntimeInput {
  const ShapedGraph* graph = nullptr;  // layer geometry (kernel, stride, padding...)
  const TensorModel* model = nullptr;  // tensors and operators as TFLite sees them
  int64_t model_flash_bytes = 0;       // the .tflite file's size: an unedited import's own file,
                                       // else what TinyForge's writer writes
  std::string_view core;               // the board's core ("cortex-m4f"), for code sizes
};

// One operator's share.
struct OpMemory {
  int op = -1;                   // index into TensorModel::operators
  int64_t live_bytes = 0;        // activation bytes alive while it runs (inputs, outputs, others kept)
  int64_t scratch_bytes = 0;     // kernel scratch it requests (planned in the head)
  int64_t persistent_bytes = 0;  // tail bytes it causes (builtin params, OpData, per-channel data)
  int64_t arena_end_bytes = 0;   // highest head byte used while it runs (plan offset + size)
  int64_t flash_bytes = 0;       // its constants (weights, bias...) in the model
};

// A planned buffer of the head: an activation tensor or a kernel scratch buffer.
struct PlannedBuffer {
  int tensor = -1;  // tensor index, or -1 for a scratch buffer
  int op = -1;      // for scratch: the requesting operator
  int32_t size_bytes = 0;
  int32_t offset_bytes = 0;
  int32_t first_used = 0;  // TFLM allocation scopes: 0 = before the first op, op i = i + 1
  int32_t last_used = 0;
};

// The tail split the way TFLM's RecordingMicroAllocator reports it.
struct TailBreakdown {
  int64_t eval_tensors_bytes = 0;         // TfLiteEvalTensor, all tensors
  int64_t persistent_tensors_bytes = 0;   // TfLiteTensor of the interpreter's inputs/outputs
  int64_t quantization_bytes = 0;         // their quantization structs
  int64_t persistent_buffer_bytes = 0;    // kernels' AllocatePersistentBuffer (OpData, per-channel...)
  int64_t node_and_registration_bytes = 0;
  int64_t other_bytes = 0;                // allocator objects, builtin params, scratch handles, padding
};

struct PatchPlan;

struct RuntimeEstimate {
  std::string runtime;  // the model's name, e.g. "tflm"
  std::vector<OpMemory> ops;
  std::vector<PlannedBuffer> buffers;

  int64_t head_bytes = 0;        // planned activations + scratch
  int64_t tail_bytes = 0;        // persistent section (interpreter objects, per-op data)
  int64_t arena_used_bytes = 0;  // what the runtime reports as used (TFLM: arena_used_bytes())
  int64_t min_arena_bytes = 0;   // the smallest arena with which allocation succeeds
  int64_t lower_bound_bytes = 0; // max over ops of live activation bytes (no runtime can go lower)
  // The planner's view (TFLM): the bound of its buffers as they are (16-byte aligned sizes,
  // scratch included), TFLM's greedy head, and the chosen plan.
  MemoryPlanner planner = MemoryPlanner::Greedy;
  int64_t head_lower_bound_bytes = 0;  // max over scopes of planned bytes alive: no plan of these buffers is smaller
  int64_t greedy_head_bytes = 0;       // TFLM's GreedyMemoryPlanner on the same buffers (no offline plan)
  bool plan_optimal = false;           // the head is proven the least possible (at the bound, or searched exhaustively)
  std::string plan_method;             // what found the plan ("TFLM greedy", "size, best fit", ...)
  // TFLM with the best planner: the best plan's activation offsets, one per tensor (-1 for
  // constants), to write as OfflineMemoryAllocation; the head TFLM makes of them (the
  // tensors where the plan puts them, scratch placed around them by its greedy planner);
  // and whether that head is below TFLM's own, i.e. whether the estimate assumes the plan
  // is shipped in the model. Empty / 0 / false with the greedy planner.
  std::vector<int32_t> offline_offsets_bytes;
  int64_t offline_head_bytes = 0;
  bool offline_plan_used = false;
  TailBreakdown tail;            // TFLM only
  int64_t recorded_tail_bytes = 0;  // TFLM only: the tail RecordingMicroInterpreter reports

  int64_t stack_bytes = 0;       // generated code only: the inference's stack (outside the arena)
  int64_t sram_bytes = 0;        // SRAM the model needs (the arena, or the static buffer, + stack)
  int64_t model_flash_bytes = 0; // weights / flatbuffer
  int64_t code_flash_bytes = 0;  // runtime and kernel code (an estimate, see the docs)
  std::string code_flash_source; // where code_flash_bytes (and stack_bytes) come from, in words
  int64_t flash_bytes = 0;       // model + code
  // tinyforge-c with patch-based inference (patch_plan.h): the plan the figures above are
  // of; null without patches.
  std::shared_ptr<const PatchPlan> patch_plan;
};

class RuntimeModel {
 public:
  virtual ~RuntimeModel() = default;
  virtual const char* name() const = 0;
  // Throws std::invalid_argument naming the layer when an operator is not supported.
  virtual void estimate(const RuntimeInput& input, RuntimeEstimate& out) = 0;
};

// "tflm", "tflm-cmsis", "tinyforge-c" (also "inplace", its former name), "lower-bound";
// null for an unknown name. Throws std::invalid_argument for a planner the runtime cannot
// use (the lower bound plans nothing).
std::unique_ptr<RuntimeModel> makeRuntimeModel(const std::string& name, ArmIsa isa = ArmIsa::Dsp,
                                               MemoryPlanner planner = MemoryPlanner::Greedy);
std::vector<std::string> runtimeModelNames();

// Bytes of constants (weights, biases...) per operator and the activation bytes alive at
// each operator, shared by all runtimes. `live` has one entry per operator.
void liveActivationBytes(const TensorModel& model, std::vector<int64_t>& live);

}  // namespace tinyforge
