#pragma once
// Int8 Conv2D with per-channel int8 (or unpacked int4) filters and int32 bias:
// TFLM's reference_integer_ops::ConvPerChannel.
//
// For each output element:
//   acc = sum over the window of filter[o][fy][fx][i] * (input + input_offset)
//         (points outside the input are skipped: zero padding in real terms)
//   acc += bias[o]
//   out = clamp(multiplyByQuantizedMultiplier(acc, m[o], shift[o]) + output_offset,
//               act_min, act_max)
//
// Parameters as TFLM's Prepare derives them from the model:
//   input_offset  = -input.zero_point      output_offset = output.zero_point
//   m[o], shift[o] = quantizeMultiplier(double(in_scale) * double(filter_scale[o]) /
//                                       double(out_scale))      (perChannelMultipliers)
//   pad_height/width = computeWindowPadding(...).height/.width  (top / left)
//   act_min/max  = activationRangeInt8(fused activation, out_scale, out_zp)
// The filter zero point is ignored (int8 filters are symmetric in TFLite).
// Grouped convolution: input channels = groups * filter.c.

#include <cstdint>
#include <span>
#include <vector>

#include "core/ckernels/tfc_conv2d.h"
#include "core/kernels/activation_range.h"
#include "core/kernels/padding.h"
#include "core/kernels/quantize_multiplier.h"
#include "core/kernels/shape.h"

namespace tinyforge::kernels {

struct ConvParams {
  int stride_height = 1;
  int stride_width = 1;
  int dilation_height = 1;
  int dilation_width = 1;
  int pad_height = 0;
  int pad_width = 0;
  int32_t input_offset = 0;
  int32_t output_offset = 0;
  int32_t act_min = -128;
  int32_t act_max = 127;
};

// input: NHWC; filter: OHWI; bias: one int32 per output channel, or empty for none;
// channel_multipliers: one per output channel; output: NHWC with c == filter.n.
// Throws KernelError when shapes or sizes do not agree.
void conv2dPerChannel(const ConvParams& params, std::span<const QuantizedMultiplier> channel_multipliers,
                      const Shape4& input_shape, std::span<const int8_t> input, const Shape4& filter_shape,
                      std::span<const int8_t> filter, std::span<const int32_t> bias,
                      const Shape4& output_shape, std::span<int8_t> output);

// The C kernel's descriptor (core/ckernels) for these parameters and shapes, checked as
// conv2dPerChannel checks them; the activation, filter, bias and scratch pointers are left
// null for the caller to bind (the interpreter to its arena, the code generator to C
// symbols). requant points into `channel_multipliers`.
tfc_conv2d_op describeConv2d(const ConvParams& params, std::span<const QuantizedMultiplier> channel_multipliers,
                             const Shape4& input_shape, const Shape4& filter_shape, const Shape4& output_shape);

// What the interpreter needs from a model's Conv2D (or DepthwiseConv2D) to run it.
struct ConvAttributes {
  int stride_height = 1;
  int stride_width = 1;
  int dilation_height = 1;
  int dilation_width = 1;
  PaddingType padding = PaddingType::Same;
  FusedActivation activation = FusedActivation::None;
};

struct PreparedConv {
  ConvParams params;
  std::vector<QuantizedMultiplier> channel_multipliers;
  Shape4 output_shape;
};

// TFLM's ConvPrepare for int8: output size and padding, per-channel multipliers,
// offsets and the activation range. `filter_scales` has one entry (per-tensor) or
// filter.n entries.
PreparedConv prepareConv2D(const ConvAttributes& attributes, const Shape4& input_shape, const Shape4& filter_shape,
                           TensorQuantization input, std::span<const float> filter_scales,
                           TensorQuantization output);

}  // namespace tinyforge::kernels
