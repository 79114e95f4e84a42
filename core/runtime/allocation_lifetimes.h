#pragma once
// Buffer lifetimes as TFLM's AllocationInfoBuilder (micro_allocation_info.cc) computes
// them, in TFLM's "allocation scopes": scope 0 is before the first operator, operator i
// runs in scope i + 1.
//  - graph inputs: created and last used at 0;
//  - an operator's outputs: created at its scope (if not created earlier);
//  - every non-negative input and every output: last used at its scope;
//  - scratch buffers: [scope, scope] of the operator that requested them;
//  - graph outputs: last used at the last scope (they outlive the graph).
// Only tensors with no data in the flatbuffer and a non-zero size are planned; sizes are
// rounded up to 16 bytes (MicroArenaBufferAlignment, micro_allocator.cc CreatePlan).
// Planner order: tensors in tensor order, then scratch buffers in request order.
// A tensor with an offline offset (TensorInfo::offline_offset_bytes, from the model's
// OfflineMemoryAllocation metadata) keeps it, as TFLM's CreatePlan passes it on.

#include <cstdint>
#include <span>
#include <vector>

#include "core/model/tensor_model.h"
#include "core/runtime/greedy_memory_planner.h"

namespace tinyforge {

struct ScratchRequest {
  int op = -1;
  int32_t bytes = 0;
};

// Fills `buffers` (planner order) and `owner` (tensor index per buffer, -1 for scratch;
// for scratch buffers `scratch_index` gives the request). Reuses the vectors' storage.
void buildTflmBuffers(const TensorModel& model, std::span<const ScratchRequest> scratch,
                      std::vector<PlannerBuffer>& buffers, std::vector<int>& owner);

inline int64_t alignUp(int64_t value, int64_t alignment) { return (value + alignment - 1) / alignment * alignment; }

}  // namespace tinyforge
