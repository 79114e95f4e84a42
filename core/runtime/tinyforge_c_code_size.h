#pragma once
// The code and the stack of a tinyforge-c firmware (core/codegen + core/firmware) for a core,
// from the operators it runs.

#include <cstdint>
#include <string>

#include "core/model/tensor_model.h"
#include "core/runtime/tinyforge_c_plan.h"

namespace tinyforge {

struct TinyforgeCCode {
  int64_t code_bytes = 0;   // .text and the code's own constants: kernels, invoke, start-up, main
  int64_t stack_bytes = 0;  // deepest call chain of the inference
  std::string source;       // where the figures come from (for the studio and reports)
};

// `core` is the board's core ("cortex-m4f"); `dsp` whether the kernels take their DSP path.
TinyforgeCCode tinyforgeCCode(const std::string& core, bool dsp, const TensorModel& model, const TinyforgeCPlan& plan);

}  // namespace tinyforge
