#include "core/runtime/tinyforge_c_code_size.h"

#include <array>

namespace tinyforge {

// PROVISIONAL (being replaced by the measured per-core table): the former `inplace` runtime's
// constants, 4096 + 48 per operator + 1536 per kernel kind, and a fixed 1 KiB stack.
TinyforgeCCode tinyforgeCCode(const std::string& core, bool dsp, const TensorModel& model, const TinyforgeCPlan& plan) {
  (void)core;
  (void)dsp;
  (void)plan;
  TinyforgeCCode code;
  code.code_bytes = 4096;
  std::array<bool, 64> used{};
  for (const OperatorInfo& op : model.operators) {
    code.code_bytes += 48;
    const auto kind = static_cast<size_t>(op.kind);
    if (kind < used.size() && !used[kind]) {
      used[kind] = true;
      code.code_bytes += 1536;
    }
  }
  code.stack_bytes = 1024;
  code.source = "provisional estimate";
  return code;
}

}  // namespace tinyforge
