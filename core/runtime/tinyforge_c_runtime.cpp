#include "core/runtime/tinyforge_c_runtime.h"

#include <algorithm>
#include <stdexcept>

#include "core/runtime/tinyforge_c_code_size.h"
#include "core/runtime/tinyforge_c_data.h"

namespace tinyforge {

void TinyforgeCRuntime::estimate(const RuntimeInput& input, RuntimeEstimate& out) {
  if (!input.model || !input.graph) throw std::invalid_argument("runtime estimate: no model given");
  const TensorModel& model = *input.model;
  TinyforgeCPlanOptions options;
  options.dsp = isa_ != ArmIsa::None;
  options.planner = planner_;
  out.patch_plan.reset();
  std::optional<PatchPlan> patched = resolvePatchRequest(*input.graph, model, patches_, options);
  const TinyforgeCPlan plan = patched ? patched->plan : planTinyforgeC(*input.graph, model, options);
  const TinyforgeCData data =
      tinyforgeCData(*input.graph, model, tinyforgeCAliasedOps(plan), tinyforgeCMovedOutputs(plan));
  const TinyforgeCCode code = tinyforgeCCode(std::string(input.core), options.dsp, model, plan);

  out.runtime = name();
  out.ops.resize(model.operators.size());
  // Live activations as this runtime keeps them: a tensor written over its input (in place,
  // alias) shares that buffer, and a shrunk in-place output no longer holds the input's, so
  // the bound can be below the layer-by-layer one (input and output apart) of other runtimes.
  int64_t bound = 0;
  for (size_t i = 0; i < model.operators.size(); ++i) {
    OpMemory& row = out.ops[i];
    row = OpMemory{static_cast<int>(i)};
    const TinyforgeCStep& step = plan.steps[i];
    row.scratch_bytes = step.scratch_buffer >= 0 ? plan.buffers[static_cast<size_t>(step.scratch_buffer)].size_bytes : 0;
    row.live_bytes = plan.live_bytes[i] - row.scratch_bytes;
    bound = std::max(bound, row.live_bytes);
    row.arena_end_bytes = plan.arena_end_bytes[i];
    row.flash_bytes = data.op_bytes[i];
  }
  out.buffers = plan.buffers;
  out.head_bytes = plan.arena_bytes;
  out.tail_bytes = 0;
  out.arena_used_bytes = plan.arena_bytes;
  out.min_arena_bytes = plan.arena_bytes;
  out.lower_bound_bytes = bound;
  out.planner = planner_;
  out.head_lower_bound_bytes = plan.lower_bound_bytes;
  if (planner_ == MemoryPlanner::Greedy) {
    out.greedy_head_bytes = plan.arena_bytes;
  } else {
    options.planner = MemoryPlanner::Greedy;
    out.greedy_head_bytes = patched ? planPatches(*input.graph, model, patched->choice, options).plan.arena_bytes
                                    : planTinyforgeC(*input.graph, model, options).arena_bytes;
  }
  out.plan_optimal = plan.arena_bytes == plan.lower_bound_bytes;
  out.plan_method = planner_ == MemoryPlanner::Best ? "best offset planner" : "TFLM greedy";
  // The patch loop keeps its index and table pointers in callee-saved registers that
  // tfc_model_invoke() then saves: measured +24 B (person_detect) and +32 B (vww2_50_50) of
  // stack on Cortex-M4 -Os under QEMU (docs/patches.md); the code table does not know it.
  constexpr int64_t kPatchLoopStackBytes = 32;
  out.stack_bytes = code.stack_bytes + (patched ? kPatchLoopStackBytes : 0);
  out.sram_bytes = plan.arena_bytes + out.stack_bytes;
  out.model_flash_bytes = data.total();
  if (patched) {
    out.model_flash_bytes += patchTableBytes(*patched, model);
    out.plan_method += ", patches";
    out.patch_plan = std::make_shared<const PatchPlan>(std::move(*patched));
  }
  out.code_flash_bytes = code.code_bytes;
  tinyforgeCCodeSource(code, input.core, out.code_flash_source);
  out.flash_bytes = out.model_flash_bytes + out.code_flash_bytes;
}

}  // namespace tinyforge
