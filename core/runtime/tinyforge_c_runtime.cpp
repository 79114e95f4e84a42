#include "core/runtime/tinyforge_c_runtime.h"

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
  const TinyforgeCPlan plan = planTinyforgeC(*input.graph, model, options);
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
    out.greedy_head_bytes = planTinyforgeC(*input.graph, model, options).arena_bytes;
  }
  out.plan_optimal = plan.arena_bytes == plan.lower_bound_bytes;
  out.plan_method = planner_ == MemoryPlanner::Best ? "best offset planner" : "TFLM greedy";
  out.stack_bytes = code.stack_bytes;
  out.sram_bytes = plan.arena_bytes + code.stack_bytes;
  out.model_flash_bytes = data.total();
  out.code_flash_bytes = code.code_bytes;
  tinyforgeCCodeSource(code, input.core, out.code_flash_source);
  out.flash_bytes = out.model_flash_bytes + out.code_flash_bytes;
}

}  // namespace tinyforge
