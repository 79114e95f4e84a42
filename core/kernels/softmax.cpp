#include "core/kernels/softmax.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/kernels/fixed_point.h"
#include "core/kernels/fixed_point_exp.h"
#include "core/kernels/kernel_error.h"

namespace tinyforge::kernels {

namespace {
constexpr int kScaledDiffIntegerBits = 5;
constexpr int kAccumulationIntegerBits = 12;
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
  const size_t rows = input.size() / static_cast<size_t>(depth);
  for (size_t r = 0; r < rows; ++r) {
    const int8_t* in = input.data() + r * depth;
    int8_t* out = output.data() + r * depth;
    const int32_t max_in_row = *std::max_element(in, in + depth);

    int32_t sum_of_exps = 0;  // Q12.19
    for (int c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= params.diff_min) {
        const int32_t rescaled =
            multiplyByQuantizedMultiplierGreaterThanOne(diff, params.input_multiplier, params.input_left_shift);
        const int32_t e = expOnNegativeValues(rescaled, kScaledDiffIntegerBits);
        sum_of_exps += roundingDivideByPOT(e, kAccumulationIntegerBits);
      }
    }

    int num_bits_over_unit = 0;
    const int32_t shifted_scale = getReciprocal(sum_of_exps, kAccumulationIntegerBits, &num_bits_over_unit);
    const int exponent = num_bits_over_unit + 31 - 8;
    if (exponent < 0 || exponent > 31) {
      throw KernelError("Softmax: reciprocal exponent " + std::to_string(exponent) + " is outside [0, 31]");
    }
    for (int c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= params.diff_min) {
        const int32_t rescaled =
            multiplyByQuantizedMultiplierGreaterThanOne(diff, params.input_multiplier, params.input_left_shift);
        const int32_t e = expOnNegativeValues(rescaled, kScaledDiffIntegerBits);
        const int32_t unsat = roundingDivideByPOT(saturatingRoundingDoublingHighMul(shifted_scale, e), exponent);
        out[c] = static_cast<int8_t>(clampToRange(unsat - 128, -128, 127));
      } else {
        out[c] = -128;
      }
    }
  }
}

}  // namespace tinyforge::kernels
