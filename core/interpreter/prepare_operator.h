#pragma once
// TFLM's Prepare for one operator of an int8 model: checks the operands as TFLM would,
// derives the kernel's parameters from their quantization (core/kernels prepare*()), and
// returns the step that runs the kernel on the arena. Errors are KernelError or
// std::runtime_error without the layer's name; the interpreter prefixes it.

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/graph/graph.h"
#include "core/graph/shape_inference.h"

namespace tinyforge {

// An activation tensor as an operator sees it: where it lives in the arena, what it holds.
struct ActivationView {
  int64_t offset_bytes = 0;
  DataType type = DataType::Int8;
  std::vector<int32_t> shape;
  int64_t bytes = 0;
  const Quantization* quant = nullptr;  // null or empty for float tensors
};

using StepFunction = std::function<void(uint8_t* arena)>;

// `inputs` are the node's activation operands in order; constants come from the node.
// `reference_kernels` runs Conv2D and DepthwiseConv2D on the C kernel library's plain path
// (core/kernels' conv2dPerChannel, depthwiseConv2dPerChannel) instead of its path for this
// host (x86 SIMD on x86-64: Conv2DKernel, DepthwiseConv2DKernel), for checking one
// against the other.
StepFunction prepareOperator(const Node& node, std::span<const ActivationView> inputs, const ActivationView& output,
                             bool reference_kernels = false);

}  // namespace tinyforge
