#include "core/kernels/softmax.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/ckernels/tfc_softmax.h"
#include "core/kernels/ckernels_bridge.h"
#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

namespace {
constexpr int kScaledDiffIntegerBits = 5;
}  // namespace

SoftmaxParams prepareSoftmax(float beta, TensorQuantization input, TensorQuantization output) {
  if (output.zero_point != -128 || output.scale != 1.0f / 256) {
    throw KernelError("Softmax: TFLM needs an int8 output with scale 1/256 and zero point -128, got scale " +
                      std::to_string(output.scale) + " and zero point " + std::to_string(output.zero_point));
  }
  const double max_real_multiplier = static_cast<double>((int64_t{1} << 31) - 1);
  const double real = std::min<double>(static_cast<double>(beta) * static_cast<double>(input.scale) *
                                           static_cast<double>(1 << (31 - kScaledDiffIntegerBits)),
                                       max_real_multiplier);
  const QuantizedMultiplier qm = quantizeMultiplierGreaterThanOne(real);
  SoftmaxParams params;
  params.input_multiplier = qm.multiplier;
  params.input_left_shift = qm.shift;
  // CalculateInputRadius(5, left_shift, 31): the largest |diff| whose rescaled value
  // still fits Q5.26.
  const double max_input_rescaled = 1.0 * ((1 << kScaledDiffIntegerBits) - 1) *
                                    static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits)) /
                                    static_cast<double>(int64_t{1} << qm.shift);
  params.diff_min = -static_cast<int32_t>(std::floor(max_input_rescaled));
  return params;
}

void softmaxInt8(const SoftmaxParams& params, int depth, std::span<const int8_t> input, std::span<int8_t> output) {
  if (depth <= 0 || input.size() != output.size() || input.size() % static_cast<size_t>(depth) != 0) {
    throw KernelError("Softmax: " + std::to_string(input.size()) + " -> " + std::to_string(output.size()) +
                      " elements do not form rows of depth " + std::to_string(depth));
  }
  tfc_softmax_op op{};
  op.input = input.data();
  op.output = output.data();
  op.rows = elementCount32(static_cast<int64_t>(input.size() / static_cast<size_t>(depth)), "Softmax");
  op.depth = depth;
  op.input_multiplier = params.input_multiplier;
  op.input_left_shift = params.input_left_shift;
  op.diff_min = params.diff_min;
  tfc_softmax_s8(&op);
}

}  // namespace tinyforge::kernels
