#pragma once
// The least SRAM any runtime that keeps whole tensors can need: the largest sum of the
// activation bytes alive at one operator (its inputs, its output and every tensor still
// waiting for a later reader), with no alignment, no scratch and no interpreter. The
// difference between a runtime's head and this bound is that plan's waste.

#include "core/runtime/runtime_model.h"

namespace tinyforge {

class LowerBoundRuntime : public RuntimeModel {
 public:
  const char* name() const override { return "lower-bound"; }
  void estimate(const RuntimeInput& input, RuntimeEstimate& out) override;

 private:
  std::vector<int64_t> live_;
};

}  // namespace tinyforge
