#pragma once
// Int8 AveragePool2D: TFLM's reference_integer_ops::AveragePool.
//
// The window is clipped to the input (padding cells are not counted), the int32 sum of
// the n cells inside is divided by n rounding half away from zero:
//   sum > 0 ? (sum + n/2) / n : (sum - n/2) / n      (C++ division truncates)
// so -2.5 -> -3 and 2.5 -> 3, then clamped to [act_min, act_max]. No zero-point
// arithmetic: input and output share scale and zero point (see preparePool2D).

#include <cstdint>
#include <span>

#include "core/ckernels/tfc_common.h"
#include "core/kernels/pool_params.h"

namespace tinyforge::kernels {

// Throws KernelError on bad sizes, or when a window has no cell inside the input (TFLM's
// kernel then returns an error from Eval).
// The C kernel's descriptor, checked as averagePool2d checks it (including TFLM's failure on
// a window entirely in the padding); pointers left null for the caller to bind.
tfc_pool2d_op describeAveragePool2d(const PoolParams& params, const Shape4& input_shape, const Shape4& output_shape);

void averagePool2d(const PoolParams& params, const Shape4& input_shape, std::span<const int8_t> input,
                   const Shape4& output_shape, std::span<int8_t> output);

// The rounding division above, exposed for tests.
int32_t roundedAverage(int32_t sum, int32_t count);

}  // namespace tinyforge::kernels
