#include "core/kernels/depthwise_conv2d.h"

#include <string>

#include "core/kernels/fixed_point.h"

namespace tinyforge::kernels {

void depthwiseConv2dPerChannel(const ConvParams& params, int depth_multiplier,
                               std::span<const QuantizedMultiplier> channel_multipliers,
                               const Shape4& input_shape, std::span<const int8_t> input,
                               const Shape4& filter_shape, std::span<const int8_t> filter,
                               std::span<const int32_t> bias, const Shape4& output_shape,
                               std::span<int8_t> output) {
  constexpr const char* kOp = "DepthwiseConv2D";
  requirePositive(input_shape, kOp, "input");
  requirePositive(filter_shape, kOp, "filter");
  requirePositive(output_shape, kOp, "output");
  requireSize(input, input_shape.flatSize(), kOp, "input");
  requireSize(filter, filter_shape.flatSize(), kOp, "filter");
  requireSize(output, output_shape.flatSize(), kOp, "output");
  const int out_depth = output_shape.c;
  if (depth_multiplier <= 0 || filter_shape.n != 1 || filter_shape.c != out_depth ||
      out_depth != input_shape.c * depth_multiplier || input_shape.n != output_shape.n) {
    throw KernelError(std::string(kOp) + ": input " + toString(input_shape) + ", filter " + toString(filter_shape) +
                      ", output " + toString(output_shape) + " and depth multiplier " +
                      std::to_string(depth_multiplier) + " do not agree");
  }
  if (!bias.empty()) requireSize(bias, out_depth, kOp, "bias");
  requireSize(channel_multipliers, out_depth, kOp, "channel multipliers");
  if (params.stride_height <= 0 || params.stride_width <= 0 || params.dilation_height <= 0 ||
      params.dilation_width <= 0) {
    throw KernelError(std::string(kOp) + ": strides and dilations must be positive");
  }

  const int in_h = input_shape.h;
  const int in_w = input_shape.w;
  const int in_c = input_shape.c;
  const int f_h = filter_shape.h;
  const int f_w = filter_shape.w;
  const int32_t input_offset = params.input_offset;
  for (int b = 0; b < output_shape.n; ++b) {
    for (int oy = 0; oy < output_shape.h; ++oy) {
      const int in_y_origin = oy * params.stride_height - params.pad_height;
      for (int ox = 0; ox < output_shape.w; ++ox) {
        const int in_x_origin = ox * params.stride_width - params.pad_width;
        int8_t* out_ptr = output.data() + ((static_cast<int64_t>(b) * output_shape.h + oy) * output_shape.w + ox) * out_depth;
        for (int ic = 0; ic < in_c; ++ic) {
          for (int m = 0; m < depth_multiplier; ++m) {
            const int oc = ic * depth_multiplier + m;
            int32_t acc = 0;
            for (int fy = 0; fy < f_h; ++fy) {
              const int in_y = in_y_origin + params.dilation_height * fy;
              if (in_y < 0 || in_y >= in_h) continue;
              for (int fx = 0; fx < f_w; ++fx) {
                const int in_x = in_x_origin + params.dilation_width * fx;
                if (in_x < 0 || in_x >= in_w) continue;
                const int32_t in_val = input[static_cast<size_t>(((static_cast<int64_t>(b) * in_h + in_y) * in_w + in_x) * in_c + ic)];
                const int32_t f_val = filter[static_cast<size_t>((static_cast<int64_t>(fy) * f_w + fx) * out_depth + oc)];
                acc += f_val * (in_val + input_offset);
              }
            }
            if (!bias.empty()) acc += bias[static_cast<size_t>(oc)];
            const QuantizedMultiplier& qm = channel_multipliers[static_cast<size_t>(oc)];
            acc = multiplyByQuantizedMultiplier(acc, qm.multiplier, qm.shift);
            acc += params.output_offset;
            out_ptr[oc] = static_cast<int8_t>(clampToRange(acc, params.act_min, params.act_max));
          }
        }
      }
    }
  }
}

PreparedConv prepareDepthwiseConv2D(const ConvAttributes& attributes, const Shape4& input_shape,
                                    const Shape4& filter_shape, TensorQuantization input,
                                    std::span<const float> filter_scales, TensorQuantization output) {
  const WindowPadding padding =
      computeWindowPadding(attributes.padding, input_shape.h, input_shape.w, filter_shape.h, filter_shape.w,
                           attributes.stride_height, attributes.stride_width, attributes.dilation_height,
                           attributes.dilation_width);
  PreparedConv prepared;
  prepared.output_shape = {input_shape.n, padding.out_height, padding.out_width, filter_shape.c};
  prepared.channel_multipliers = perChannelMultipliers(input.scale, filter_scales, output.scale, filter_shape.c);
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
