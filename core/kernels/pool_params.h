#pragma once
// Parameters shared by AveragePool2D and MaxPool2D (TFLM's PoolParams), and their
// derivation in TFLM's PoolingPrepare.

#include <cstdint>

#include "core/kernels/activation_range.h"
#include "core/kernels/padding.h"
#include "core/kernels/quantize_multiplier.h"
#include "core/kernels/shape.h"

namespace tinyforge::kernels {

struct PoolParams {
  int stride_height = 1;
  int stride_width = 1;
  int filter_height = 1;
  int filter_width = 1;
  int pad_height = 0;  // top
  int pad_width = 0;   // left
  int32_t act_min = -128;
  int32_t act_max = 127;
};

struct PoolAttributes {
  int stride_height = 1;
  int stride_width = 1;
  int filter_height = 1;
  int filter_width = 1;
  PaddingType padding = PaddingType::Valid;
  FusedActivation activation = FusedActivation::None;
};

struct PreparedPool {
  PoolParams params;
  Shape4 output_shape;
};

// Padding without dilation, activation range from the output's quantization. TFLM
// refuses int8 pooling whose input and output scales differ by more than 1e-6 or whose
// zero points differ (the kernels do not requantize); so does this (KernelError).
PreparedPool preparePool2D(const PoolAttributes& attributes, const Shape4& input_shape, TensorQuantization input,
                           TensorQuantization output);

}  // namespace tinyforge::kernels
