#pragma once
// A .tflite's offline memory plan ("OfflineMemoryAllocation" metadata, read into
// TensorInfo::offline_offset_bytes) is taken by TFLM as given: it places those tensors at
// their offsets without checking them, so a plan that puts two tensors alive at the same
// time on the same bytes makes the model compute garbage on the device. Such a plan is
// refused here, before anything estimates, runs or writes it.

#include <stdexcept>
#include <string>
#include <vector>

#include "core/graph/shape_inference.h"
#include "core/model/tensor_model.h"

namespace tinyforge {

class OfflinePlanError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

bool hasOfflinePlan(const TensorModel& model);

// Throws OfflinePlanError when two offline-planned tensors alive at the same time (TFLM's
// lifetimes, allocation_lifetimes.h) share bytes, naming both tensors, the layers that
// produce them, their byte ranges and an operator where both are alive.
void checkOfflinePlan(const ShapedGraph& graph, const TensorModel& model);

// The same check for offsets given per tensor (-1 = not offline), e.g. a plan about to
// be written into a model.
void checkOfflinePlan(const ShapedGraph& graph, const TensorModel& model, const std::vector<int32_t>& offsets_bytes);

}  // namespace tinyforge
