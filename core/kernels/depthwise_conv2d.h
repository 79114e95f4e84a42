#pragma once
// Int8 DepthwiseConv2D with per-channel filters: TFLM's
// reference_integer_ops::DepthwiseConvPerChannel.
//
// Output channel oc = ic * depth_multiplier + m sees only input channel ic:
//   acc = sum over the window of filter[0][fy][fx][oc] * (input[..][ic] + input_offset)
//   acc += bias[oc]
//   out = clamp(multiplyByQuantizedMultiplier(acc, m[oc], shift[oc]) + output_offset,
//               act_min, act_max)
// Parameters are derived exactly as for Conv2D (see conv2d.h), with the per-channel
// scales along the filter's last dimension (quantized_dimension 3).

#include <cstdint>
#include <span>

#include "core/ckernels/tfc_depthwise_conv2d.h"
#include "core/kernels/conv2d.h"

namespace tinyforge::kernels {

// input: NHWC; filter: {1, h, w, input.c * depth_multiplier}; bias: filter.c int32 or
// empty; output: NHWC with c == filter.c.
void depthwiseConv2dPerChannel(const ConvParams& params, int depth_multiplier,
                               std::span<const QuantizedMultiplier> channel_multipliers,
                               const Shape4& input_shape, std::span<const int8_t> input,
                               const Shape4& filter_shape, std::span<const int8_t> filter,
                               std::span<const int32_t> bias, const Shape4& output_shape,
                               std::span<int8_t> output);

// The C kernel's descriptor, checked as depthwiseConv2dPerChannel checks it; pointers but
// requant left null for the caller to bind (see describeConv2d).
tfc_depthwise_conv2d_op describeDepthwiseConv2d(const ConvParams& params, int depth_multiplier,
                                                 std::span<const QuantizedMultiplier> channel_multipliers,
                                                 const Shape4& input_shape, const Shape4& filter_shape,
                                                 const Shape4& output_shape);

// TFLM's DepthwiseConvPrepare for int8; the output has filter.c channels.
PreparedConv prepareDepthwiseConv2D(const ConvAttributes& attributes, const Shape4& input_shape,
                                    const Shape4& filter_shape, TensorQuantization input,
                                    std::span<const float> filter_scales, TensorQuantization output);

}  // namespace tinyforge::kernels
