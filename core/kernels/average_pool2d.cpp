#include "core/kernels/average_pool2d.h"

#include <algorithm>
#include <string>

#include "core/ckernels/tfc_average_pool2d.h"
#include "core/kernels/ckernels_bridge.h"

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

int32_t roundedAverage(int32_t sum, int32_t count) { return tfc_rounded_average(sum, count); }

tfc_pool2d_op describeAveragePool2d(const PoolParams& params, const Shape4& input_shape, const Shape4& output_shape) {
  constexpr const char* kOp = "AveragePool2D";
  checkPool(kOp, params, input_shape, static_cast<size_t>(input_shape.flatSize()), output_shape,
            static_cast<size_t>(output_shape.flatSize()));
  // A window with no cell inside the input: TFLM fails at Eval. The window of (oy, ox) is
  // empty exactly when its rows or its columns are, so rows and columns are checked apart.
  auto first_empty = [](int outputs, int stride, int pad, int filter, int input_size) {
    for (int o = 0; o < outputs; ++o) {
      const int origin = o * stride - pad;
      if (std::min(filter, input_size - origin) - std::max(0, -origin) <= 0) return o;
    }
    return -1;
  };
  const int empty_row = first_empty(output_shape.h, params.stride_height, params.pad_height, params.filter_height,
                                    input_shape.h);
  const int empty_column =
      first_empty(output_shape.w, params.stride_width, params.pad_width, params.filter_width, input_shape.w);
  if (empty_row >= 0 || empty_column >= 0) {
    throw KernelError(std::string(kOp) + ": the window of output (" + std::to_string(std::max(empty_row, 0)) + ", " +
                      std::to_string(std::max(empty_column, 0)) + ") lies entirely in the padding");
  }
  return toC(params, input_shape, nullptr, output_shape, nullptr);
}

void averagePool2d(const PoolParams& params, const Shape4& input_shape, std::span<const int8_t> input,
                   const Shape4& output_shape, std::span<int8_t> output) {
  constexpr const char* kOp = "AveragePool2D";
  checkPool(kOp, params, input_shape, input.size(), output_shape, output.size());
  tfc_pool2d_op op = describeAveragePool2d(params, input_shape, output_shape);
  op.input = input.data();
  op.output = output.data();
  tfc_average_pool2d_s8(&op);
}

}  // namespace tinyforge::kernels
