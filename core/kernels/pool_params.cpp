#include "core/kernels/pool_params.h"

#include <cmath>
#include <string>

#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

PreparedPool preparePool2D(const PoolAttributes& attributes, const Shape4& input_shape, TensorQuantization input,
                           TensorQuantization output) {
  // TFLM compares |in_scale - out_scale| in float, then widens to double.
  const double scale_diff = static_cast<double>(std::abs(input.scale - output.scale));
  if (scale_diff > 1.0e-6 || input.zero_point != output.zero_point) {
    throw KernelError("Pool2D: input (scale " + std::to_string(input.scale) + ", zero point " +
                      std::to_string(input.zero_point) + ") and output (scale " + std::to_string(output.scale) +
                      ", zero point " + std::to_string(output.zero_point) +
                      ") quantization differ; int8 pooling does not rescale");
  }
  const WindowPadding padding =
      computeWindowPadding(attributes.padding, input_shape.h, input_shape.w, attributes.filter_height,
                           attributes.filter_width, attributes.stride_height, attributes.stride_width);
  const ActivationRange range = activationRangeInt8(attributes.activation, output.scale, output.zero_point);
  PreparedPool prepared;
  prepared.output_shape = {input_shape.n, padding.out_height, padding.out_width, input_shape.c};
  prepared.params = {attributes.stride_height, attributes.stride_width, attributes.filter_height,
                     attributes.filter_width,  padding.height,           padding.width,
                     range.min,                range.max};
  return prepared;
}

}  // namespace tinyforge::kernels
