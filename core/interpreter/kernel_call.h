#pragma once
// One operator of an int8 model prepared as a call of the C kernel library (core/ckernels):
// which kernel, its descriptor with every parameter TFLM's Prepare derives, the constants it
// reads (filter, bias, per-channel multipliers) and where its activations live. The
// interpreter binds it to its arena and runs it; the code generator (core/codegen) writes the
// same descriptor as C with constant pointers, so both run the same kernels with the same
// parameters.
//
// Preparation checks the operands as TFLM would; errors are KernelError or
// std::runtime_error without the layer's name (the caller prefixes it).

#include <cstdint>
#include <span>
#include <variant>
#include <vector>

#include "core/ckernels/tinyforge_c.h"
#include "core/graph/graph.h"
#include "core/graph/shape_inference.h"
#include "core/kernels/conv2d.h"
#include "core/kernels/quantize_multiplier.h"

namespace tinyforge {

// An activation tensor as an operator sees it: where it lives in the arena, what it holds.
struct ActivationView {
  int64_t offset_bytes = 0;
  DataType type = DataType::Int8;
  std::vector<int32_t> shape;
  int64_t bytes = 0;
  const Quantization* quant = nullptr;  // null or empty for float tensors
};

enum class KernelKind {
  Conv2D,
  DepthwiseConv2D,
  FullyConnected,
  Add,
  AveragePool2D,
  MaxPool2D,
  Mean,
  Softmax,
  Pad,
  Concatenation,
  Quantize,    // float32 -> int8
  Requantize,  // int8 -> int8 (QUANTIZE between two int8 scales)
  Dequantize,  // int8 -> float32
  Reshape,     // a byte copy (or nothing, when output and input share bytes)
};

using KernelDescriptor =
    std::variant<tfc_conv2d_op, tfc_depthwise_conv2d_op, tfc_fully_connected_op, tfc_add_op, tfc_pool2d_op,
                 tfc_mean_op, tfc_softmax_op, tfc_pad_op, tfc_concatenation_op, tfc_quantize_op, tfc_requantize_op,
                 tfc_dequantize_op, tfc_reshape_op>;

struct KernelCall {
  KernelKind kind = KernelKind::Reshape;
  // Every pointer in it is null: bindKernelCall() sets them.
  KernelDescriptor descriptor;
  std::vector<ActivationView> inputs;  // activation operands in order
  ActivationView output;
  // Constants, as the kernel reads them.
  std::vector<int8_t> filter;          // int8 values (a model's int4 filter unpacked, as TFLM does)
  std::vector<uint8_t> packed_int4_filter;  // the model's int4 bytes, when the filter is int4
  std::vector<int32_t> bias;           // empty: none
  std::vector<kernels::QuantizedMultiplier> requant;  // per channel, or the one of a per-tensor FC
  std::vector<int32_t> input_axis_dims;  // Concatenation
  kernels::PreparedConv conv;          // Conv2D / DepthwiseConv2D: as core/kernels prepared it
};

// `inputs` are the node's activation operands in order; constants come from the node.
KernelCall prepareKernelCall(const Node& node, std::span<const ActivationView> inputs, const ActivationView& output);

// The descriptor with every pointer set: activations at `arena` + their offsets, constants in
// `call`, scratch at `scratch` (may be null when the kernel needs none). For Concatenation,
// `input_pointers` must hold one entry per input and outlive the returned descriptor.
KernelDescriptor bindKernelCall(const KernelCall& call, uint8_t* arena, void* scratch,
                                std::vector<const int8_t*>& input_pointers);

// Runs a bound descriptor with the kernel the build's target selects (tfc_<op>_s8); `kind`
// tells AveragePool2D from MaxPool2D (they share a descriptor).
void runKernel(KernelKind kind, const KernelDescriptor& bound);

// Scratch bytes of the kernels runKernel selects on this build's target.
int32_t kernelScratchBytes(const KernelCall& call);

}  // namespace tinyforge
