#pragma once
// TinyForge's own generated C runtime (`tinyforge-c`, core/codegen; formerly estimated as the
// TinyEngine-style `inplace` runtime, which stays an accepted name): what its firmware needs,
// predicted without generating or compiling anything, and checked against linked images under
// QEMU (tests/core/firmware).
//  - SRAM = the static arena of tinyforge_c_plan.h (in-place depthwise, reshape aliases,
//    in-place element-wise ops, the kernels' scratch for the core's path) + the stack the
//    code-size model predicts for the kernels used (tinyforge_c_code_size.h). The generated
//    code has no other static data.
//  - Flash = the constant data the generator emits (tinyforge_c_data.h: weights, parameters,
//    descriptors, to the byte) + code (the measured size of every kernel function linked, the
//    invoke sequence, start-up and main; tinyforge_c_code_size.h).
//  - With patches (setPatches): the arena of patch_plan.h and its per-patch tables in the
//    model data; the code model does not count the small patch loop and tfc_copy_rect_s8.

#include <vector>

#include "core/runtime/patch_request.h"
#include "core/runtime/runtime_model.h"
#include "core/runtime/tinyforge_c_plan.h"

namespace tinyforge {

class TinyforgeCRuntime : public RuntimeModel {
 public:
  TinyforgeCRuntime(ArmIsa isa, MemoryPlanner planner) : isa_(isa), planner_(planner) {}
  const char* name() const override { return "tinyforge-c"; }
  void estimate(const RuntimeInput& input, RuntimeEstimate& out) override;
  // Patch-based inference: the arena and model data of the patched firmware (None: off).
  void setPatches(const PatchRequest& request) { patches_ = request; }

 private:
  ArmIsa isa_;
  MemoryPlanner planner_;
  PatchRequest patches_;
};

}  // namespace tinyforge
