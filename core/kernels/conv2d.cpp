#include "core/kernels/conv2d.h"

#include <string>
#include <utility>

#include "core/ckernels/tfc_conv2d.h"
#include "core/kernels/ckernels_bridge.h"

namespace tinyforge::kernels {

namespace {

constexpr const char* kOp = "Conv2D";

// The C descriptor of a layer after every check that does not need the activations; its
// activation and scratch pointers are null.
tfc_conv2d_op describeLayer(const ConvParams& params, std::span<const QuantizedMultiplier> channel_multipliers,
                            const Shape4& input_shape, const Shape4& filter_shape, std::span<const int8_t> filter,
                            std::span<const int32_t> bias, const Shape4& output_shape) {
  requireSize(filter, filter_shape.flatSize(), kOp, "filter");
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
  if (!bias.empty()) requireSize(bias, out_depth, kOp, "bias");
  requireSize(channel_multipliers, out_depth, kOp, "channel multipliers");
  if (params.stride_height <= 0 || params.stride_width <= 0 || params.dilation_height <= 0 ||
      params.dilation_width <= 0) {
    throw KernelError(std::string(kOp) + ": strides and dilations must be positive");
  }

  tfc_conv2d_op op{};
  op.filter = filter.data();
  op.bias = bias.empty() ? nullptr : bias.data();
  op.requant = toC(channel_multipliers);
  op.input_shape = toC(input_shape);
  op.filter_shape = toC(filter_shape);
  op.output_shape = toC(output_shape);
  op.params = toC(params);
  return op;
}

}  // namespace

void conv2dPerChannel(const ConvParams& params, std::span<const QuantizedMultiplier> channel_multipliers,
                      const Shape4& input_shape, std::span<const int8_t> input, const Shape4& filter_shape,
                      std::span<const int8_t> filter, std::span<const int32_t> bias,
                      const Shape4& output_shape, std::span<int8_t> output) {
  requirePositive(input_shape, kOp, "input");
  requirePositive(filter_shape, kOp, "filter");
  requirePositive(output_shape, kOp, "output");
  requireSize(input, input_shape.flatSize(), kOp, "input");
  requireSize(output, output_shape.flatSize(), kOp, "output");
  tfc_conv2d_op op =
      describeLayer(params, channel_multipliers, input_shape, filter_shape, filter, bias, output_shape);
  op.input = input.data();
  op.output = output.data();
  tfc_conv2d_s8_plain(&op);
}

Conv2DKernel::Conv2DKernel(const ConvParams& params, std::vector<QuantizedMultiplier> channel_multipliers,
                           const Shape4& input_shape, const Shape4& filter_shape, std::vector<int8_t> filter,
                           std::vector<int32_t> bias, const Shape4& output_shape)
    : multipliers_(std::move(channel_multipliers)), filter_(std::move(filter)), bias_(std::move(bias)) {
  requirePositive(input_shape, kOp, "input");
  requirePositive(filter_shape, kOp, "filter");
  requirePositive(output_shape, kOp, "output");
  elementCount32(input_shape.flatSize(), kOp);
  elementCount32(output_shape.flatSize(), kOp);
  op_ = describeLayer(params, multipliers_, input_shape, filter_shape, filter_, bias_, output_shape);
  scratch_.resize(static_cast<size_t>(tfc_conv2d_s8_scratch_bytes(&op_, TFC_PATH_NATIVE) + 3) / 4);
}

void Conv2DKernel::run(std::span<const int8_t> input, std::span<int8_t> output) {
  requireSize(input, int64_t{op_.input_shape.n} * op_.input_shape.h * op_.input_shape.w * op_.input_shape.c, kOp,
              "input");
  requireSize(output, int64_t{op_.output_shape.n} * op_.output_shape.h * op_.output_shape.w * op_.output_shape.c,
              kOp, "output");
  op_.input = input.data();
  op_.output = output.data();
  op_.filter = filter_.data();
  op_.bias = bias_.empty() ? nullptr : bias_.data();
  op_.requant = toC(multipliers_);
  op_.scratch = scratch_.empty() ? nullptr : scratch_.data();
  tfc_conv2d_s8(&op_);
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
