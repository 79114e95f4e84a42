#pragma once
// Int8 MaxPool2D: TFLM's reference_integer_ops::MaxPool. The maximum over the window
// clipped to the input (padding never wins), clamped to [act_min, act_max]; a window
// entirely in the padding yields clamp(-128), as TFLM.

#include <cstdint>
#include <span>

#include "core/kernels/pool_params.h"

namespace tinyforge::kernels {

void maxPool2d(const PoolParams& params, const Shape4& input_shape, std::span<const int8_t> input,
               const Shape4& output_shape, std::span<int8_t> output);

}  // namespace tinyforge::kernels
