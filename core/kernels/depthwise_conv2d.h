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
#include <vector>

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

// A DepthwiseConv2D layer bound to its weights, run on the C kernel library's path for
// this host (tfc_depthwise_conv2d_s8; see Conv2DKernel): checked as
// depthwiseConv2dPerChannel checks it, same bytes. One instance per thread.
class DepthwiseConv2DKernel {
 public:
  DepthwiseConv2DKernel(const ConvParams& params, int depth_multiplier,
                        std::vector<QuantizedMultiplier> channel_multipliers, const Shape4& input_shape,
                        const Shape4& filter_shape, std::vector<int8_t> filter, std::vector<int32_t> bias,
                        const Shape4& output_shape);
  void run(std::span<const int8_t> input, std::span<int8_t> output);
  int64_t scratchBytes() const { return static_cast<int64_t>(scratch_.size() * sizeof(uint32_t)); }

 private:
  std::vector<QuantizedMultiplier> multipliers_;
  std::vector<int8_t> filter_;
  std::vector<int32_t> bias_;
  std::vector<uint32_t> scratch_;
  tfc_depthwise_conv2d_op op_{};
};

// TFLM's DepthwiseConvPrepare for int8; the output has filter.c channels.
PreparedConv prepareDepthwiseConv2D(const ConvAttributes& attributes, const Shape4& input_shape,
                                    const Shape4& filter_shape, TensorQuantization input,
                                    std::span<const float> filter_scales, TensorQuantization output);

}  // namespace tinyforge::kernels
