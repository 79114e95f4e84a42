#include "core/runtime/tinyforge_c_code_size.h"

#include <algorithm>
#include <stdexcept>

namespace tinyforge {
namespace {

int64_t elementsOf(const TensorInfo& tensor) {
  int64_t n = 1;
  for (int32_t d : tensor.shape) n *= d;
  return n;
}

// An ADD whose inputs both have the output's shape never enters the broadcasting loop (the
// kernel's deepest branch): its stack is the chain without it.
bool addBroadcasts(const TensorModel& model, const OperatorInfo& op) {
  const int64_t out = elementsOf(model.tensors[static_cast<size_t>(op.outputs.at(0))]);
  for (int t : op.inputs)
    if (t >= 0 && elementsOf(model.tensors[static_cast<size_t>(t)]) != out) return true;
  return false;
}

TinyforgeCCall kernelCall(const TensorModel& model, const OperatorInfo& op, const TinyforgeCStep& step, size_t index) {
  switch (op.kind) {
    case NodeKind::Conv2D: return TinyforgeCCall::Conv2D;
    case NodeKind::DepthwiseConv2D:
      return step.execution == TinyforgeCExecution::InPlace ? TinyforgeCCall::DepthwiseConv2DInPlace
                                                            : TinyforgeCCall::DepthwiseConv2D;
    case NodeKind::FullyConnected: return TinyforgeCCall::FullyConnected;
    case NodeKind::Add: return TinyforgeCCall::Add;
    case NodeKind::AveragePool2D: return TinyforgeCCall::AveragePool2D;
    case NodeKind::MaxPool2D: return TinyforgeCCall::MaxPool2D;
    case NodeKind::Mean: return TinyforgeCCall::Mean;
    case NodeKind::Softmax: return TinyforgeCCall::Softmax;
    case NodeKind::Pad: return TinyforgeCCall::Pad;
    case NodeKind::Concatenation: return TinyforgeCCall::Concatenation;
    case NodeKind::Reshape: return TinyforgeCCall::Reshape;
    case NodeKind::Dequantize: return TinyforgeCCall::Dequantize;
    case NodeKind::Quantize: {
      const bool from_float = !op.inputs.empty() && op.inputs[0] >= 0 &&
                              model.tensors[static_cast<size_t>(op.inputs[0])].type == DataType::Float32;
      return from_float ? TinyforgeCCall::Quantize : TinyforgeCCall::Requantize;
    }
    default: throw std::invalid_argument("tinyforge-c: no kernel call for operator " + std::to_string(index));
  }
}

}  // namespace

TinyforgeCOpCalls tinyforgeCKernelCalls(const TensorModel& model, const TinyforgeCPlan& plan, size_t op) {
  const TinyforgeCStep& step = plan.steps.at(op);
  TinyforgeCOpCalls calls;
  if (step.execution == TinyforgeCExecution::Alias) return calls;
  if (step.unpack_bytes > 0) calls.calls[static_cast<size_t>(calls.count++)] = TinyforgeCCall::UnpackInt4;
  calls.calls[static_cast<size_t>(calls.count++)] = kernelCall(model, model.operators.at(op), step, op);
  if (step.moves_output) calls.calls[static_cast<size_t>(calls.count++)] = TinyforgeCCall::Reshape;
  return calls;
}

TinyforgeCCode tinyforgeCCode(const std::string& core, bool dsp, const TensorModel& model, const TinyforgeCPlan& plan,
                              const TinyforgeCCodeTable& table) {
  TinyforgeCCode code;
  const TinyforgeCCoreSizes* row = tinyforgeCCoreSizes(table, core);
  code.core_measured = row != nullptr;
  if (!row) {
    // A core without an Arm toolchain row (ESP32-S3's Xtensa): the Cortex-M row of the same
    // kernel path stands in, and the source says so.
    row = tinyforgeCCoreSizes(table, dsp ? "cortex-m4f" : "cortex-m3");
    if (!row) throw std::invalid_argument("tinyforge-c code table: no stand-in row for core '" + core + "'");
  }
  code.row = row;

  int64_t calls = 0, unpack_calls = 0, kernel_stack = 0;
  std::array<bool, kTinyforgeCCallCount> used{};
  for (size_t i = 0; i < model.operators.size(); ++i) {
    const TinyforgeCOpCalls op_calls = tinyforgeCKernelCalls(model, plan, i);
    for (int k = 0; k < op_calls.count; ++k) {
      const TinyforgeCCall call = op_calls.calls[static_cast<size_t>(k)];
      (call == TinyforgeCCall::UnpackInt4 ? unpack_calls : calls) += 1;
      used[static_cast<size_t>(call)] = true;
      int64_t stack = row->call_sizes[static_cast<size_t>(call)].stack_bytes;
      if (call == TinyforgeCCall::Add && row->add_stack_without_broadcast_bytes >= 0 &&
          !addBroadcasts(model, model.operators[i]))
        stack = row->add_stack_without_broadcast_bytes;
      kernel_stack = std::max(kernel_stack, stack);
    }
  }
  const int64_t all_calls = calls + unpack_calls;
  code.code_bytes = row->fixed_bytes + (all_calls == 0   ? row->invoke_no_call_bytes
                                        : all_calls == 1 ? row->invoke_one_call_bytes
                                                         : row->invoke_base_bytes + row->invoke_per_call_bytes * calls +
                                                               row->invoke_per_unpack_call_bytes * unpack_calls);
  // The union of the used calls' functions: shared helpers and libc pieces count once.
  constexpr size_t kMaxFunctions = 512;
  if (row->function_bytes.size() > kMaxFunctions)
    throw std::invalid_argument("tinyforge-c code table (" + row->core + "): more than 512 functions");
  std::array<bool, kMaxFunctions> counted{};
  for (int c = 0; c < kTinyforgeCCallCount; ++c) {
    if (!used[static_cast<size_t>(c)]) continue;
    code.code_bytes += row->call_sizes[static_cast<size_t>(c)].other_bytes;
    for (int id : row->call_functions[static_cast<size_t>(c)]) {
      if (counted[static_cast<size_t>(id)]) continue;
      counted[static_cast<size_t>(id)] = true;
      code.code_bytes += row->function_bytes[static_cast<size_t>(id)];
    }
  }
  // The invoke's frame counts from its first call on (a single call is a tail call; counting
  // it anyway errs on the safe side).
  code.stack_bytes = row->reset_stack_bytes + row->main_stack_bytes +
                     (all_calls > 0 ? row->invoke_stack_bytes + kernel_stack : 0);
  return code;
}

void tinyforgeCCodeSource(const TinyforgeCCode& code, std::string_view core, std::string& out) {
  if (!code.row) {
    out.clear();
    return;
  }
  out.assign(code.row->source);
  if (!code.core_measured) out.append("; no table for ").append(core).append(", the ").append(code.row->core).append(" row stands in");
}

}  // namespace tinyforge
