#pragma once
// Faster equivalents of the reference Conv2D and DepthwiseConv2D kernels for the
// interpreter's hot loop, with the same bytes out (tests/core/interpreter compare them with
// core/kernels on random layers and on every shared model).
//
// Why the bytes cannot change: the reference skips window points outside the input, which
// is the same as reading a point whose value is the input zero point (x + input_offset = 0).
// So every window can be read whole from a virtually padded input, and
//   sum f * (x + input_offset) = sum f * x + input_offset * sum f
// where sum f per output channel is folded into the bias once, in Prepare. The int32 sums
// are the same integers in another order; requantization is the kernels' own function.
//
// Conv2D: each output pixel's window is gathered once into an int16 column, then dotted
// with every output channel's int16 filter row (pmaddwd: two pixels per pass with AVX2,
// one with SSE2).
// DepthwiseConv2D (multiplier 1): the channel loop is innermost, 8 channels per SSE2 step.

#include <cstdint>
#include <span>
#include <vector>

#include "core/interpreter/requantizer.h"
#include "core/kernels/conv2d.h"

namespace tinyforge {

class FastConv2D {
 public:
  // Whether the fast path reproduces the reference here (no groups, sums that cannot
  // overflow int32).
  static bool applies(const kernels::Shape4& input_shape, const kernels::Shape4& filter_shape);

  FastConv2D(const kernels::PreparedConv& prepared, const kernels::Shape4& input_shape,
             const kernels::Shape4& filter_shape, std::span<const int8_t> filter, std::span<const int32_t> bias);

  // Sizes are those given at construction (checked by the interpreter's plan).
  void run(const int8_t* input, int8_t* output);

 private:
  // The window of output pixel `pixel` (flat over batch, rows, columns) as int16.
  void gather(const int8_t* input, int64_t pixel, int16_t* column) const;

  kernels::ConvParams params_;
  kernels::Shape4 input_shape_, filter_shape_, output_shape_;
  int depth_ = 0;         // kernel_h * kernel_w * input channels
  int padded_depth_ = 0;  // depth_ rounded up to 16 (zeros in both operands)
  bool avx2_ = false;     // two pixels per pass with AVX2 (checked once, at Prepare)
  std::vector<int16_t> weights_;  // [out channels][padded_depth_]
  std::vector<int32_t> bias_;     // bias + input_offset * sum of the channel's filter
  Requantizer requantizer_;
  std::vector<int16_t> column_;        // two output pixels' windows
  std::vector<int32_t> accumulators_;  // two output pixels' channels
};

class FastDepthwiseConv2D {
 public:
  // Depth multiplier 1 and sums that cannot overflow int32.
  static bool applies(const kernels::Shape4& input_shape, const kernels::Shape4& filter_shape);

  FastDepthwiseConv2D(const kernels::PreparedConv& prepared, const kernels::Shape4& input_shape,
                      const kernels::Shape4& filter_shape, std::span<const int8_t> filter,
                      std::span<const int32_t> bias);

  void run(const int8_t* input, int8_t* output);

 private:
  kernels::ConvParams params_;
  kernels::Shape4 input_shape_, filter_shape_, output_shape_;
  int padded_channels_ = 0;       // channels rounded up to 8
  std::vector<int16_t> weights_;  // [h][w][padded_channels_], widened
  std::vector<int32_t> bias_;     // padded_channels_
  Requantizer requantizer_;
  std::vector<int32_t> accumulators_;  // one output pixel's channels
};

}  // namespace tinyforge
