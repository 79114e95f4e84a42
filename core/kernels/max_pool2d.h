#pragma once
// Int8 MaxPool2D: TFLM's reference_integer_ops::MaxPool. The maximum over the window
// clipped to the input (padding never wins), clamped to [act_min, act_max]; a window
// entirely in the padding yields clamp(-128), as TFLM.

#include <cstdint>
#include <span>

#include "core/ckernels/tfc_common.h"
#include "core/kernels/pool_params.h"

namespace tinyforge::kernels {

// The C kernel's descriptor, checked as maxPool2d checks it; pointers left null.
tfc_pool2d_op describeMaxPool2d(const PoolParams& params, const Shape4& input_shape, const Shape4& output_shape);

void maxPool2d(const PoolParams& params, const Shape4& input_shape, std::span<const int8_t> input,
               const Shape4& output_shape, std::span<int8_t> output);

}  // namespace tinyforge::kernels
