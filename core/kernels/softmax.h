#pragma once
// Int8 SOFTMAX (int8 in, int8 out): TFLM's reference_ops::Softmax<int8_t, int8_t>, the
// gemmlowp fixed-point path. TFLM's reference kernel uses no lookup table for int8 (the
// LUTs in softmax_common.cc are for int16 inputs only; CMSIS-NN has its own kernel, which
// gave identical bytes on the shared vectors).
//
// Per row (the last dimension) of depth d:
//   diff = x - max(row); if diff < diff_min the output is -128
//   r = multiplyByQuantizedMultiplierGreaterThanOne(diff, m, left_shift)   (Q5.26)
//   e = expOnNegativeValues(r, 5)                                          (Q0.31)
//   sum = sum of roundingDivideByPOT(e, 12) over the row                   (Q12.19)
//   recip = getReciprocal(sum, 12, &bits)      (1/sum normalised, Q0.31)
//   out = clamp(roundingDivideByPOT(srdhm(recip, e), bits + 31 - 8) - 128, -128, 127)
// Prepare (CalculateSoftmaxParams, PreprocessSoftmaxScaling, CalculateInputRadius):
//   real = min(double(beta) * double(in_scale) * 2^26, 2^31 - 1)
//   (m, left_shift) = quantizeMultiplierGreaterThanOne(real)
//   diff_min = -floor(31 * 2^26 / 2^left_shift)
// and TFLM requires the int8 output to have zero point -128 and scale exactly 1/256.

#include <cstdint>
#include <span>

#include "core/kernels/quantize_multiplier.h"

namespace tinyforge::kernels {

struct SoftmaxParams {
  int32_t input_multiplier = 0;
  int input_left_shift = 0;
  int32_t diff_min = 0;
};

// Throws KernelError when the output quantization is not (1/256, -128) or
// beta * in_scale is too small for TFLM's Q5.26 input (multiplier not above 1).
SoftmaxParams prepareSoftmax(float beta, TensorQuantization input, TensorQuantization output);

// Softmax over rows of `depth` consecutive elements (input.size() a multiple of depth).
void softmaxInt8(const SoftmaxParams& params, int depth, std::span<const int8_t> input, std::span<int8_t> output);

}  // namespace tinyforge::kernels
