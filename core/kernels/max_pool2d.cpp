#include "core/kernels/max_pool2d.h"

#include <algorithm>
#include <string>

#include "core/ckernels/tfc_max_pool2d.h"
#include "core/kernels/ckernels_bridge.h"

namespace tinyforge::kernels {

tfc_pool2d_op describeMaxPool2d(const PoolParams& params, const Shape4& input_shape, const Shape4& output_shape) {
  constexpr const char* kOp = "MaxPool2D";
  requirePositive(input_shape, kOp, "input");
  requirePositive(output_shape, kOp, "output");
  if (input_shape.n != output_shape.n || input_shape.c != output_shape.c) {
    throw KernelError(std::string(kOp) + ": input " + toString(input_shape) + " and output " + toString(output_shape) +
                      " differ in batch or channels");
  }
  if (params.stride_height <= 0 || params.stride_width <= 0 || params.filter_height <= 0 || params.filter_width <= 0) {
    throw KernelError(std::string(kOp) + ": strides and filter sizes must be positive");
  }
  return toC(params, input_shape, nullptr, output_shape, nullptr);
}

void maxPool2d(const PoolParams& params, const Shape4& input_shape, std::span<const int8_t> input,
               const Shape4& output_shape, std::span<int8_t> output) {
  constexpr const char* kOp = "MaxPool2D";
  tfc_pool2d_op op = describeMaxPool2d(params, input_shape, output_shape);
  requireSize(input, input_shape.flatSize(), kOp, "input");
  requireSize(output, output_shape.flatSize(), kOp, "output");
  op.input = input.data();
  op.output = output.data();
  tfc_max_pool2d_s8(&op);
}

}  // namespace tinyforge::kernels
