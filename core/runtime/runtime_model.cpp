#include "core/runtime/runtime_model.h"

#include <stdexcept>

#include "core/runtime/lower_bound_runtime.h"
#include "core/runtime/tflm_runtime.h"
#include "core/runtime/tinyforge_c_runtime.h"

namespace tinyforge {

const char* toString(MemoryPlanner planner) { return planner == MemoryPlanner::Best ? "best" : "greedy"; }

std::optional<MemoryPlanner> memoryPlannerFromString(const std::string& text) {
  if (text == "greedy") return MemoryPlanner::Greedy;
  if (text == "best") return MemoryPlanner::Best;
  return std::nullopt;
}

std::unique_ptr<RuntimeModel> makeRuntimeModel(const std::string& name, ArmIsa isa, MemoryPlanner planner) {
  if (name == "tflm") return std::make_unique<TflmRuntime>(TflmKernels::Reference, isa, cortexM32Target(), planner);
  if (name == "tflm-cmsis") return std::make_unique<TflmRuntime>(TflmKernels::CmsisNn, isa, cortexM32Target(), planner);
  if (name == "tinyforge-c" || name == "inplace") return std::make_unique<TinyforgeCRuntime>(isa, planner);
  if (planner != MemoryPlanner::Greedy && name == "lower-bound")
    throw std::invalid_argument("runtime '" + name + "' has no choice of planner (planner '" + toString(planner) +
                                "' is for tflm, tflm-cmsis and tinyforge-c)");
  if (name == "lower-bound") return std::make_unique<LowerBoundRuntime>();
  return nullptr;
}

std::vector<std::string> runtimeModelNames() { return {"tflm", "tflm-cmsis", "tinyforge-c", "lower-bound"}; }

void liveActivationBytes(const TensorModel& model, std::vector<int64_t>& live) {
  const size_t op_count = model.operators.size();
  live.assign(op_count, 0);
  const int32_t end_scope = static_cast<int32_t>(op_count);
  for (size_t t = 0; t < model.tensors.size(); ++t) {
    const TensorInfo& tensor = model.tensors[t];
    if (tensor.is_constant || tensor.bytes == 0) continue;
    // Same lifetimes as TFLM's planner: produced at its op (inputs before the first op),
    // alive until its last reader; graph outputs until the end.
    int32_t first = tensor.producer >= 0 ? tensor.producer + 1 : 0;
    int32_t last = first;
    for (int c : tensor.consumers) last = std::max(last, c + 1);
    for (int o : model.outputs)
      if (o == static_cast<int>(t)) last = end_scope;
    for (int32_t scope = std::max(first, 1); scope <= last && scope <= end_scope; ++scope) {
      live[static_cast<size_t>(scope - 1)] += tensor.bytes;
    }
  }
}

}  // namespace tinyforge
