#include "core/kernels/conv2d.h"

#include <string>

#include "core/ckernels/tfc_conv2d.h"
#include "core/kernels/ckernels_bridge.h"

namespace tinyforge::kernels {

tfc_conv2d_op describeConv2d(const ConvParams& params, std::span<const QuantizedMultiplier> channel_multipliers,
                             const Shape4& input_shape, const Shape4& filter_shape, const Shape4& output_shape) {
  constexpr const char* kOp = "Conv2D";
  requirePositive(input_shape, kOp, "input");
  requirePositive(filter_shape, kOp, "filter");
  requirePositive(output_shape, kOp, "output");
  const int out_depth = output_shape.c;
  if (filter_shape.n != out_depth || input_shape.n != output_shape.n) {
    throw KernelError(std::string(kOp) + ": filter " + toString(filter_shape) + " and output " +
                      toString(output_shape) + " disagree on output channels or batch");
  }
  if (input_shape.c % filter_shape.c != 0) {
    throw KernelError(std::string(kOp) + ": input channels " + std::to_string(input_shape.c) +
                      " are not a multiple of the filter's " + std::to_string(filter_shape.c));
  }
  const int groups = input_shape.c / filter_shape.c;
  if (out_depth % groups != 0) {
    throw KernelError(std::string(kOp) + ": " + std::to_string(out_depth) + " output channels do not split into " +
                      std::to_string(groups) + " groups");
  }
  requireSize(channel_multipliers, out_depth, kOp, "channel multipliers");
  if (params.stride_height <= 0 || params.stride_width <= 0 || params.dilation_height <= 0 ||
      params.dilation_width <= 0) {
    throw KernelError(std::string(kOp) + ": strides and dilations must be positive");
  }
  tfc_conv2d_op op{};
  op.requant = toC(channel_multipliers);
  op.input_shape = toC(input_shape);
  op.filter_shape = toC(filter_shape);
  op.output_shape = toC(output_shape);
  op.params = toC(params);
  return op;
}

void conv2dPerChannel(const ConvParams& params, std::span<const QuantizedMultiplier> channel_multipliers,
                      const Shape4& input_shape, std::span<const int8_t> input, const Shape4& filter_shape,
                      std::span<const int8_t> filter, std::span<const int32_t> bias,
                      const Shape4& output_shape, std::span<int8_t> output) {
  constexpr const char* kOp = "Conv2D";
  tfc_conv2d_op op = describeConv2d(params, channel_multipliers, input_shape, filter_shape, output_shape);
  requireSize(input, input_shape.flatSize(), kOp, "input");
  requireSize(filter, filter_shape.flatSize(), kOp, "filter");
  requireSize(output, output_shape.flatSize(), kOp, "output");
  if (!bias.empty()) requireSize(bias, output_shape.c, kOp, "bias");
  op.input = input.data();
  op.filter = filter.data();
  op.bias = bias.empty() ? nullptr : bias.data();
  op.output = output.data();
  tfc_conv2d_s8_plain(&op);
}

PreparedConv prepareConv2D(const ConvAttributes& attributes, const Shape4& input_shape, const Shape4& filter_shape,
                           TensorQuantization input, std::span<const float> filter_scales,
                           TensorQuantization output) {
  const WindowPadding padding =
      computeWindowPadding(attributes.padding, input_shape.h, input_shape.w, filter_shape.h, filter_shape.w,
                           attributes.stride_height, attributes.stride_width, attributes.dilation_height,
                           attributes.dilation_width);
  PreparedConv prepared;
  prepared.output_shape = {input_shape.n, padding.out_height, padding.out_width, filter_shape.n};
  prepared.channel_multipliers = perChannelMultipliers(input.scale, filter_scales, output.scale, filter_shape.n);
  const ActivationRange range = activationRangeInt8(attributes.activation, output.scale, output.zero_point);
  ConvParams& p = prepared.params;
  p.stride_height = attributes.stride_height;
  p.stride_width = attributes.stride_width;
  p.dilation_height = attributes.dilation_height;
  p.dilation_width = attributes.dilation_width;
  p.pad_height = padding.height;
  p.pad_width = padding.width;
  p.input_offset = -input.zero_point;
  p.output_offset = output.zero_point;
  p.act_min = range.min;
  p.act_max = range.max;
  return prepared;
}

}  // namespace tinyforge::kernels
