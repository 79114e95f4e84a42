#include "core/runtime/tinyforge_c_code_size.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace tinyforge {
namespace {

// An ADD whose inputs both have the output's shape never enters the broadcasting loop (the
// kernel's deepest branch): its stack is the chain without it.
int64_t elementsOf(const TensorInfo& tensor) {
  int64_t n = 1;
  for (int32_t d : tensor.shape) n *= d;
  return n;
}

bool addBroadcasts(const TensorModel& model, const OperatorInfo& op) {
  const int64_t out = elementsOf(model.tensors[static_cast<size_t>(op.outputs.at(0))]);
  for (int t : op.inputs)
    if (t >= 0 && elementsOf(model.tensors[static_cast<size_t>(t)]) != out) return true;
  return false;
}

int64_t kernelStackBytes(const TinyforgeCKernelSizes& sizes, const std::string& call, const TensorModel& model,
                         const OperatorInfo& op) {
  if (call == "tfc_add_s8" && !addBroadcasts(model, op)) {
    const auto found = sizes.stack_bytes_without.find("add_broadcast");
    if (found != sizes.stack_bytes_without.end()) return found->second;
  }
  return sizes.stack_bytes;
}

}  // namespace

std::vector<std::string> tinyforgeCKernelCalls(const TensorModel& model, const TinyforgeCPlan& plan, size_t op) {
  const OperatorInfo& info = model.operators.at(op);
  const TinyforgeCStep& step = plan.steps.at(op);
  if (step.execution == TinyforgeCExecution::Alias) return {};
  std::vector<std::string> calls;
  if (step.unpack_bytes > 0) calls.push_back("tfc_unpack_int4");
  switch (info.kind) {
    case NodeKind::Conv2D: calls.push_back("tfc_conv2d_s8"); break;
    case NodeKind::DepthwiseConv2D:
      calls.push_back(step.execution == TinyforgeCExecution::InPlace ? "tfc_depthwise_conv2d_s8_inplace"
                                                                      : "tfc_depthwise_conv2d_s8");
      break;
    case NodeKind::FullyConnected: calls.push_back("tfc_fully_connected_s8"); break;
    case NodeKind::Add: calls.push_back("tfc_add_s8"); break;
    case NodeKind::AveragePool2D: calls.push_back("tfc_average_pool2d_s8"); break;
    case NodeKind::MaxPool2D: calls.push_back("tfc_max_pool2d_s8"); break;
    case NodeKind::Mean: calls.push_back("tfc_mean_s8"); break;
    case NodeKind::Softmax: calls.push_back("tfc_softmax_s8"); break;
    case NodeKind::Pad: calls.push_back("tfc_pad_s8"); break;
    case NodeKind::Concatenation: calls.push_back("tfc_concatenation_s8"); break;
    case NodeKind::Reshape: calls.push_back("tfc_reshape"); break;
    case NodeKind::Dequantize: calls.push_back("tfc_dequantize_s8_f32"); break;
    case NodeKind::Quantize: {
      const bool from_float = !info.inputs.empty() && info.inputs[0] >= 0 &&
                              model.tensors[static_cast<size_t>(info.inputs[0])].type == DataType::Float32;
      calls.push_back(from_float ? "tfc_quantize_f32_s8" : "tfc_requantize_s8");
      break;
    }
    default: throw std::invalid_argument("tinyforge-c: no kernel call for operator " + std::to_string(op));
  }
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
  code.table_core = row->core;

  int64_t calls = 0, unpack_calls = 0, kernel_stack = 0, other_bytes = 0;
  std::set<std::string> kinds;
  std::map<std::string, int64_t> functions;  // shared helpers and libc pieces counted once
  for (size_t i = 0; i < model.operators.size(); ++i) {
    for (const std::string& call : tinyforgeCKernelCalls(model, plan, i)) {
      (call == "tfc_unpack_int4" ? unpack_calls : calls) += 1;
      const auto found = row->kernels.find(call);
      if (found == row->kernels.end())
        throw std::invalid_argument("tinyforge-c code table (" + row->core + "): no measured size for " + call);
      kernel_stack = std::max(kernel_stack, kernelStackBytes(found->second, call, model, model.operators[i]));
      if (!kinds.insert(call).second) continue;
      other_bytes += found->second.other_bytes;
      for (const auto& [name, bytes] : found->second.functions) functions[name] = bytes;
    }
  }
  const int64_t all_calls = calls + unpack_calls;
  const int64_t invoke_bytes = all_calls == 0   ? row->invoke_no_call_bytes
                               : all_calls == 1 ? row->invoke_one_call_bytes
                                                : row->invoke_base_bytes + row->invoke_per_call_bytes * calls +
                                                      row->invoke_per_unpack_call_bytes * unpack_calls;
  code.code_bytes = row->fixed_bytes + invoke_bytes + other_bytes;
  for (const auto& [name, bytes] : functions) code.code_bytes += bytes;
  // The invoke's frame counts from its first call on (a single call is a tail call; counting
  // it anyway errs on the safe side).
  code.stack_bytes = row->reset_stack_bytes + row->main_stack_bytes +
                     (all_calls > 0 ? row->invoke_stack_bytes + kernel_stack : 0);
  code.source = "measured table, arm-none-eabi-gcc " + table.gcc_version + " -Os (" + row->core +
                "): predicted from measured kernel sizes, checked against linked images";
  if (!code.core_measured)
    code.source += "; no table for " + core + ", the " + row->core + " row stands in";
  return code;
}

}  // namespace tinyforge
