#include "core/runtime/lower_bound_runtime.h"

#include <stdexcept>

namespace tinyforge {

void LowerBoundRuntime::estimate(const RuntimeInput& input, RuntimeEstimate& out) {
  if (!input.model) throw std::invalid_argument("runtime estimate: no model given");
  const TensorModel& model = *input.model;
  liveActivationBytes(model, live_);
  // Reset the figures but keep the vectors' storage (repeated estimates do not allocate).
  out.buffers.clear();
  out.tail = TailBreakdown{};
  out.tail_bytes = out.recorded_tail_bytes = out.code_flash_bytes = 0;
  out.code_flash_source.clear();
  out.runtime = name();
  out.ops.resize(model.operators.size());
  int64_t peak = 0;
  int64_t weights = 0;
  for (size_t i = 0; i < model.operators.size(); ++i) {
    OpMemory& op = out.ops[i];
    op.op = static_cast<int>(i);
    op.live_bytes = live_[i];
    op.arena_end_bytes = live_[i];
    for (int t : model.operators[i].inputs)
      if (t >= 0 && model.tensors[static_cast<size_t>(t)].is_constant) op.flash_bytes += model.tensors[static_cast<size_t>(t)].bytes;
    weights += op.flash_bytes;
    peak = std::max(peak, live_[i]);
  }
  out.head_bytes = peak;
  out.arena_used_bytes = peak;
  out.min_arena_bytes = peak;
  out.lower_bound_bytes = peak;
  out.head_lower_bound_bytes = peak;
  out.greedy_head_bytes = peak;
  out.planner = MemoryPlanner::Greedy;
  out.plan_optimal = true;
  out.plan_method = "lower bound";
  out.offline_offsets_bytes.clear();
  out.offline_head_bytes = 0;
  out.offline_plan_used = false;
  out.sram_bytes = peak;
  out.model_flash_bytes = weights;  // raw constant bytes: no container, no code
  out.flash_bytes = weights;
}

}  // namespace tinyforge
