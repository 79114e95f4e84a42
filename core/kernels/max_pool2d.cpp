#include "core/kernels/max_pool2d.h"

#include <algorithm>
#include <string>

#include "core/kernels/fixed_point.h"

namespace tinyforge::kernels {

void maxPool2d(const PoolParams& params, const Shape4& input_shape, std::span<const int8_t> input,
               const Shape4& output_shape, std::span<int8_t> output) {
  constexpr const char* kOp = "MaxPool2D";
  requirePositive(input_shape, kOp, "input");
  requirePositive(output_shape, kOp, "output");
  requireSize(input, input_shape.flatSize(), kOp, "input");
  requireSize(output, output_shape.flatSize(), kOp, "output");
  if (input_shape.n != output_shape.n || input_shape.c != output_shape.c) {
    throw KernelError(std::string(kOp) + ": input " + toString(input_shape) + " and output " + toString(output_shape) +
                      " differ in batch or channels");
  }
  if (params.stride_height <= 0 || params.stride_width <= 0 || params.filter_height <= 0 || params.filter_width <= 0) {
    throw KernelError(std::string(kOp) + ": strides and filter sizes must be positive");
  }
  const int depth = input_shape.c;
  for (int b = 0; b < output_shape.n; ++b) {
    for (int oy = 0; oy < output_shape.h; ++oy) {
      const int in_y_origin = oy * params.stride_height - params.pad_height;
      const int fy_start = std::max(0, -in_y_origin);
      const int fy_end = std::min(params.filter_height, input_shape.h - in_y_origin);
      for (int ox = 0; ox < output_shape.w; ++ox) {
        const int in_x_origin = ox * params.stride_width - params.pad_width;
        const int fx_start = std::max(0, -in_x_origin);
        const int fx_end = std::min(params.filter_width, input_shape.w - in_x_origin);
        int8_t* out_ptr = output.data() + ((static_cast<int64_t>(b) * output_shape.h + oy) * output_shape.w + ox) * depth;
        for (int c = 0; c < depth; ++c) {
          int32_t max_value = -128;
          for (int fy = fy_start; fy < fy_end; ++fy) {
            const int in_y = in_y_origin + fy;
            for (int fx = fx_start; fx < fx_end; ++fx) {
              const int in_x = in_x_origin + fx;
              max_value = std::max<int32_t>(
                  max_value,
                  input[static_cast<size_t>(((static_cast<int64_t>(b) * input_shape.h + in_y) * input_shape.w + in_x) * depth + c)]);
            }
          }
          out_ptr[c] = static_cast<int8_t>(clampToRange(max_value, params.act_min, params.act_max));
        }
      }
    }
  }
}

}  // namespace tinyforge::kernels
