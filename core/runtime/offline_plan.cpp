#include "core/runtime/offline_plan.h"

#include "core/runtime/allocation_lifetimes.h"
#include "core/runtime/offset_planner.h"

namespace tinyforge {
namespace {

std::string tensorText(const ShapedGraph& graph, const TensorModel& model, int tensor, int32_t offset, int32_t size) {
  const TensorInfo& info = model.tensors[static_cast<size_t>(tensor)];
  std::string text = "tensor " + std::to_string(tensor) + " '" + info.name + "'";
  if (info.producer >= 0)
    text += " (output of layer '" + graph.node(model.operators[static_cast<size_t>(info.producer)].layer).name + "')";
  else
    text += " (graph input)";
  return text + " at bytes [" + std::to_string(offset) + ", " + std::to_string(int64_t{offset} + size) + ")";
}

}  // namespace

bool hasOfflinePlan(const TensorModel& model) {
  for (const TensorInfo& t : model.tensors)
    if (!t.is_constant && t.offline_offset_bytes >= 0) return true;
  return false;
}

void checkOfflinePlan(const ShapedGraph& graph, const TensorModel& model, const std::vector<int32_t>& offsets_bytes) {
  if (offsets_bytes.size() != model.tensors.size())
    throw OfflinePlanError("offline memory plan: " + std::to_string(offsets_bytes.size()) + " offsets for " +
                           std::to_string(model.tensors.size()) + " tensors");
  std::vector<PlannerBuffer> all;
  std::vector<int> owner;
  buildTflmBuffers(model, {}, all, owner);
  std::vector<PlannerBuffer> planned;
  std::vector<int32_t> offsets;
  std::vector<int> tensor_of;
  for (size_t b = 0; b < all.size(); ++b) {
    const int32_t offset = offsets_bytes[static_cast<size_t>(owner[b])];
    if (offset < 0) continue;
    planned.push_back(all[b]);
    offsets.push_back(offset);
    tensor_of.push_back(owner[b]);
  }
  const auto conflict = findPlanConflict(planned, offsets);
  if (!conflict) return;
  const size_t a = static_cast<size_t>(conflict->first), b = static_cast<size_t>(conflict->second);
  const int32_t scope = conflict->time;
  const std::string when = scope == 0 ? "before the first operator"
                                      : "at operator " + std::to_string(scope - 1) + " (layer '" +
                                            graph.node(model.operators[static_cast<size_t>(scope - 1)].layer).name + "')";
  throw OfflinePlanError("offline memory plan overlaps live tensors: " +
                         tensorText(graph, model, tensor_of[a], offsets[a], planned[a].size_bytes) + " and " +
                         tensorText(graph, model, tensor_of[b], offsets[b], planned[b].size_bytes) +
                         " are both alive " + when);
}

void checkOfflinePlan(const ShapedGraph& graph, const TensorModel& model) {
  if (!hasOfflinePlan(model)) return;
  std::vector<int32_t> offsets(model.tensors.size(), -1);
  for (size_t t = 0; t < model.tensors.size(); ++t)
    if (!model.tensors[t].is_constant) offsets[t] = model.tensors[t].offline_offset_bytes;
  checkOfflinePlan(graph, model, offsets);
}

}  // namespace tinyforge
