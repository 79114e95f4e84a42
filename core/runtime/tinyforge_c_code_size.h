#pragma once
// The code and the stack of a tinyforge-c firmware (core/codegen + core/firmware) for a core,
// predicted from the operators it runs without generating or compiling anything: the
// measured per-core table (tinyforge_c_code_table.h, scripts/firmware_table.sh) summed over
// the kernel calls the generated invoke makes. tests/core/firmware checks the prediction
// against linked images (code within 3%) and the stack QEMU measures (within 10%, never below).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/model/tensor_model.h"
#include "core/runtime/tinyforge_c_code_table.h"
#include "core/runtime/tinyforge_c_plan.h"

namespace tinyforge {

struct TinyforgeCCode {
  int64_t code_bytes = 0;   // Flash besides the model's data: kernels, invoke, vectors, start-up, main, libc pieces
  int64_t stack_bytes = 0;  // deepest call chain of the inference, reset handler and main included
  const TinyforgeCCoreSizes* row = nullptr;  // the table's row used (row->core: "cortex-m4f")
  bool core_measured = false;  // false: the board's core has no row (non-Arm) and a stand-in row was used
};

// Where the figures come from, in words, for the studio and reports ("measured table,
// arm-none-eabi-gcc 12.2 -Os (cortex-m4f): ..."; a stand-in row says so, naming `core`).
// Written into `out`, reusing its storage.
void tinyforgeCCodeSource(const TinyforgeCCode& code, std::string_view core, std::string& out);

// The calls one operator adds to tfc_model_invoke(), in order: none for an aliased RESHAPE,
// tfc_unpack_int4 before a kernel whose int4 filter is unpacked into scratch.
struct TinyforgeCOpCalls {
  std::array<TinyforgeCCall, 3> calls{};  // int4 unpack, the kernel, the move of its output
  int count = 0;
};
// Throws std::invalid_argument for an operator kind the generated runtime has no kernel for.
TinyforgeCOpCalls tinyforgeCKernelCalls(const TensorModel& model, const TinyforgeCPlan& plan, size_t op);

// `core` is the board's core ("cortex-m4f"); `dsp` whether the kernels take their DSP path
// (picks the stand-in row for a core the table lacks). Allocates nothing.
TinyforgeCCode tinyforgeCCode(const std::string& core, bool dsp, const TensorModel& model, const TinyforgeCPlan& plan,
                              const TinyforgeCCodeTable& table = tinyforgeCCodeTable());

}  // namespace tinyforge
