#pragma once
// The patched stage of the generated C (patch-based inference, core/runtime/patch_plan.h):
// per stage operator one const descriptor per patch (the same constants, the slice's
// shapes and local padding, pointers into the patch arena), the copies that cut a region
// out of the stage input or of a larger slice, the copy of each patch's result into the
// whole stage-output tensor, and the loop over the patches in tfc_model_invoke().

#include <cstdint>
#include <ostream>
#include <string>

#include "core/interpreter/kernel_call.h"
#include "core/runtime/patch_plan.h"

namespace tinyforge {

struct PatchStageConstants {
  std::string filter, bias, requant;  // C names of the operator's constant arrays ("0" for no bias)
};

class PatchStageCode {
 public:
  PatchStageCode(const PatchPlan& plan, const TensorModel& model) : plan_(plan), model_(model) {}

  // Writes stage operator k's tables into `ops` (model.c) and its calls into the loop body.
  // Returns the bytes of const data written (descriptors and copy tables).
  int64_t addOperator(int k, const KernelCall& call, const PatchStageConstants& constants, std::ostream& ops);
  // After the last stage operator: the copy of each patch's result; returns its const bytes.
  int64_t finish(std::ostream& ops);
  // What tfc_model_invoke() runs for the stage: the profiling marks of its operators (the
  // whole stage counts under its last operator) and the loop over the patches.
  std::string invokeCode() const;

 private:
  std::string arena(int64_t offset) const;
  std::string patchBuffer(int buffer) const;
  int64_t copyTable(const std::string& name, int k, int operand, std::ostream& ops);

  const PatchPlan& plan_;
  const TensorModel& model_;
  std::string loop_;
};

}  // namespace tinyforge
