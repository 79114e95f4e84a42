#pragma once
// Float reference operators with TFLite's semantics (NHWC, SAME/VALID padding as
// ComputePaddingHeightWidth places it, average pooling over the cells inside the input,
// grouped and dilated convolution). They compute the float model that calibration
// observes and whose accuracy the int8 model is compared with, so they favour being
// obviously right over being fast; loops keep the innermost index contiguous.

#include <span>
#include <vector>

#include "core/graph/graph.h"
#include "core/kernels/padding.h"
#include "core/kernels/shape.h"

namespace tinyforge::floatops {

using kernels::Shape4;

struct Window {
  int kernel_h = 1, kernel_w = 1;
  int stride_h = 1, stride_w = 1;
  int dilation_h = 1, dilation_w = 1;
  Padding padding = Padding::Same;
};

// Applies a fused activation in place.
void applyActivation(Activation activation, std::span<float> values);

// filter OHWI {cout, kh, kw, cin / groups}; bias: cout values or empty. The output shape
// is given (from shape inference); its channel count is filter.n.
void conv2d(const Window& window, const Shape4& input_shape, std::span<const float> input, const Shape4& filter_shape,
            std::span<const float> filter, std::span<const float> bias, const Shape4& output_shape,
            std::span<float> output);

// filter {1, kh, kw, cin * multiplier}; output channel oc reads input channel oc / multiplier.
void depthwiseConv2d(const Window& window, int depth_multiplier, const Shape4& input_shape,
                     std::span<const float> input, std::span<const float> filter, std::span<const float> bias,
                     const Shape4& output_shape, std::span<float> output);

// filter [units][features]; the input is read as rows of `features` values.
void fullyConnected(int features, int units, std::span<const float> input, std::span<const float> filter,
                    std::span<const float> bias, std::span<float> output);

void averagePool2d(const Window& window, const Shape4& input_shape, std::span<const float> input,
                   const Shape4& output_shape, std::span<float> output);
void maxPool2d(const Window& window, const Shape4& input_shape, std::span<const float> input,
               const Shape4& output_shape, std::span<float> output);

// Mean over `axes` (negative counts from the end) of a tensor of any rank; the output
// holds the kept dimensions in row-major order.
void mean(std::span<const int32_t> input_dims, std::span<const float> input, std::span<const int32_t> axes,
          std::span<float> output);

// NumPy broadcasting, shapes aligned at their last dimension.
void add(std::span<const int32_t> a_dims, std::span<const float> a, std::span<const int32_t> b_dims,
         std::span<const float> b, std::span<const int32_t> output_dims, std::span<float> output);

void concatenation(int axis, std::span<const std::vector<int32_t>> input_dims,
                   std::span<const std::span<const float>> inputs, std::span<float> output);

// paddings: (before, after) per dimension; zeros fill the border.
void pad(std::span<const int32_t> input_dims, std::span<const float> input,
         std::span<const std::pair<int32_t, int32_t>> paddings, std::span<float> output);

// Softmax of beta * x over rows of `depth` values.
void softmax(float beta, int depth, std::span<const float> input, std::span<float> output);

}  // namespace tinyforge::floatops
