#pragma once
// TFLM's Prepare for one operator of an int8 model, for the interpreter: the kernel call
// (kernel_call.h: checked operands, every parameter derived) bound to a step that runs it on
// the interpreter's arena. Errors are KernelError or std::runtime_error without the layer's
// name; the interpreter prefixes it.

#include <cstdint>
#include <functional>
#include <span>

#include "core/graph/graph.h"
#include "core/interpreter/kernel_call.h"

namespace tinyforge {

using StepFunction = std::function<void(uint8_t* arena)>;

// `inputs` are the node's activation operands in order; constants come from the node.
// `reference_kernels` runs the C kernels' portable path everywhere instead of the
// interpreter's faster x86 equivalents (fast_conv.h), for checking one against the other.
StepFunction prepareOperator(const Node& node, std::span<const ActivationView> inputs, const ActivationView& output,
                             bool reference_kernels = false);

}  // namespace tinyforge
