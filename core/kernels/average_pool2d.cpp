#include "core/kernels/average_pool2d.h"

#include <algorithm>
#include <string>

#include "core/kernels/fixed_point.h"

namespace tinyforge::kernels {

namespace {
void checkPool(const char* op, const PoolParams& params, const Shape4& input_shape, size_t input_size,
               const Shape4& output_shape, size_t output_size) {
  requirePositive(input_shape, op, "input");
  requirePositive(output_shape, op, "output");
  if (static_cast<int64_t>(input_size) != input_shape.flatSize() ||
      static_cast<int64_t>(output_size) != output_shape.flatSize()) {
    throw KernelError(std::string(op) + ": buffer sizes do not match shapes " + toString(input_shape) + " -> " +
                      toString(output_shape));
  }
  if (input_shape.n != output_shape.n || input_shape.c != output_shape.c) {
    throw KernelError(std::string(op) + ": input " + toString(input_shape) + " and output " + toString(output_shape) +
                      " differ in batch or channels");
  }
  if (params.stride_height <= 0 || params.stride_width <= 0 || params.filter_height <= 0 || params.filter_width <= 0) {
    throw KernelError(std::string(op) + ": strides and filter sizes must be positive");
  }
}
}  // namespace

int32_t roundedAverage(int32_t sum, int32_t count) {
  return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

void averagePool2d(const PoolParams& params, const Shape4& input_shape, std::span<const int8_t> input,
                   const Shape4& output_shape, std::span<int8_t> output) {
  constexpr const char* kOp = "AveragePool2D";
  checkPool(kOp, params, input_shape, input.size(), output_shape, output.size());
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
        const int count = std::max(0, fy_end - fy_start) * std::max(0, fx_end - fx_start);
        if (count == 0) {
          throw KernelError(std::string(kOp) + ": the window of output (" + std::to_string(oy) + ", " +
                            std::to_string(ox) + ") lies entirely in the padding");
        }
        int8_t* out_ptr = output.data() + ((static_cast<int64_t>(b) * output_shape.h + oy) * output_shape.w + ox) * depth;
        for (int c = 0; c < depth; ++c) {
          int32_t sum = 0;
          for (int fy = fy_start; fy < fy_end; ++fy) {
            const int in_y = in_y_origin + fy;
            for (int fx = fx_start; fx < fx_end; ++fx) {
              const int in_x = in_x_origin + fx;
              sum += input[static_cast<size_t>(((static_cast<int64_t>(b) * input_shape.h + in_y) * input_shape.w + in_x) * depth + c)];
            }
          }
          out_ptr[c] = static_cast<int8_t>(clampToRange(roundedAverage(sum, count), params.act_min, params.act_max));
        }
      }
    }
  }
}

}  // namespace tinyforge::kernels
