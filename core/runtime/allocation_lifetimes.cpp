#include "core/runtime/allocation_lifetimes.h"

namespace tinyforge {

void buildTflmBuffers(const TensorModel& model, std::span<const ScratchRequest> scratch,
                      std::vector<PlannerBuffer>& buffers, std::vector<int>& owner) {
  buffers.clear();
  owner.clear();
  const int32_t end_scope = static_cast<int32_t>(model.operators.size());
  // first/last per tensor, -1 = not yet seen (kUninitializedLifetime).
  const size_t tensor_count = model.tensors.size();
  buffers.reserve(tensor_count + scratch.size());
  // Lifetimes are computed in place in a buffer per tensor, then compacted.
  buffers.resize(tensor_count, PlannerBuffer{0, -1, -1, -1});
  auto created = [&](int t, int32_t scope) {
    if (buffers[t].first_used == -1) buffers[t].first_used = scope;
  };
  for (int t : model.inputs) {
    created(t, 0);
    buffers[t].last_used = 0;
  }
  for (size_t i = 0; i < model.operators.size(); ++i) {
    const int32_t scope = static_cast<int32_t>(i) + 1;
    const OperatorInfo& op = model.operators[i];
    for (int t : op.outputs) created(t, scope);
    for (int t : op.inputs)
      if (t >= 0) buffers[t].last_used = scope;
    for (int t : op.outputs) buffers[t].last_used = scope;
  }
  for (int t : model.outputs) {
    created(t, end_scope);
    buffers[t].last_used = end_scope;
  }
  size_t kept = 0;
  for (size_t t = 0; t < tensor_count; ++t) {
    const TensorInfo& tensor = model.tensors[t];
    if (tensor.is_constant || tensor.bytes == 0) continue;
    PlannerBuffer b = buffers[t];
    b.size_bytes = static_cast<int32_t>(alignUp(tensor.bytes, 16));
    b.offline_offset = tensor.offline_offset_bytes;
    buffers[kept++] = b;
    owner.push_back(static_cast<int>(t));
  }
  buffers.resize(kept);
  for (const ScratchRequest& request : scratch) {
    const int32_t scope = request.op + 1;
    buffers.push_back({static_cast<int32_t>(alignUp(request.bytes, 16)), scope, scope, -1});
    owner.push_back(-1);
  }
}

}  // namespace tinyforge
