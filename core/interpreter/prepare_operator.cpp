#include "core/interpreter/prepare_operator.h"

#include <memory>
#include <utility>
#include <vector>

#include "core/interpreter/fast_conv.h"

namespace tinyforge {
namespace {

using kernels::Shape4;

Shape4 shape4(const tfc_shape4& s) { return {s.n, s.h, s.w, s.c}; }

// The interpreter's x86 Conv2D / DepthwiseConv2D, byte-identical to the C kernels, when it applies.
StepFunction fastConv(const KernelCall& call) {
  const ActivationView in = call.inputs.at(0), out = call.output;
  if (const auto* op = std::get_if<tfc_conv2d_op>(&call.descriptor)) {
    if (!FastConv2D::applies(shape4(op->input_shape), shape4(op->filter_shape))) return {};
    auto fast = std::make_shared<FastConv2D>(call.conv, shape4(op->input_shape), shape4(op->filter_shape), call.filter,
                                             call.bias);
    return [=](uint8_t* arena) {
      fast->run(reinterpret_cast<const int8_t*>(arena + in.offset_bytes), reinterpret_cast<int8_t*>(arena + out.offset_bytes));
    };
  }
  if (const auto* op = std::get_if<tfc_depthwise_conv2d_op>(&call.descriptor)) {
    if (!FastDepthwiseConv2D::applies(shape4(op->input_shape), shape4(op->filter_shape))) return {};
    auto fast = std::make_shared<FastDepthwiseConv2D>(call.conv, shape4(op->input_shape), shape4(op->filter_shape),
                                                      call.filter, call.bias);
    return [=](uint8_t* arena) {
      fast->run(reinterpret_cast<const int8_t*>(arena + in.offset_bytes), reinterpret_cast<int8_t*>(arena + out.offset_bytes));
    };
  }
  return {};
}

}  // namespace

StepFunction prepareOperator(const Node& node, std::span<const ActivationView> inputs, const ActivationView& output,
                             bool reference_kernels) {
  auto call = std::make_shared<KernelCall>(prepareKernelCall(node, inputs, output));
  if (!reference_kernels)
    if (StepFunction fast = fastConv(*call)) return fast;
  // The step owns its scratch and the concatenation's pointer list: an interpreter runs one
  // inference at a time.
  auto scratch = std::make_shared<std::vector<uint32_t>>(static_cast<size_t>(kernelScratchBytes(*call) + 3) / 4);
  auto pointers = std::make_shared<std::vector<const int8_t*>>();
  return [call, scratch, pointers](uint8_t* arena) {
    const KernelDescriptor bound = bindKernelCall(*call, arena, scratch->empty() ? nullptr : scratch->data(), *pointers);
    runKernel(call->kind, bound);
  };
}

}  // namespace tinyforge
