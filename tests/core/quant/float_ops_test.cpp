// Float reference operators against hand computations written out here.
#include "core/quant/float_ops.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace tinyforge::floatops {
namespace {

TEST(FloatOps, ConvSameSumsTheNeighbourhoodInsideTheInput) {
  // 3x3 input 1..9, 3x3 filter of ones, SAME: each output sums the cells inside the
  // input around it (zero padding outside).
  std::vector<float> in{1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::vector<float> filter(9, 1.0f);
  std::vector<float> bias{0.5f};
  std::vector<float> out(9);
  conv2d({3, 3, 1, 1, 1, 1, Padding::Same}, {1, 3, 3, 1}, in, {1, 3, 3, 1}, filter, bias, {1, 3, 3, 1}, out);
  EXPECT_FLOAT_EQ(out[0], 1 + 2 + 4 + 5 + 0.5f);
  EXPECT_FLOAT_EQ(out[1], 1 + 2 + 3 + 4 + 5 + 6 + 0.5f);
  EXPECT_FLOAT_EQ(out[4], 45 + 0.5f);
  EXPECT_FLOAT_EQ(out[8], 5 + 6 + 8 + 9 + 0.5f);
}

TEST(FloatOps, ConvSameStrideTwoPadsAtTheBottomRightAsTflite) {
  // 4x4 input, 3x3 kernel, stride 2, SAME: out 2x2, total padding 1 per axis, all of it
  // after (TFLite puts floor(total/2) = 0 before). Output (0,0) reads rows/cols 0..2.
  std::vector<float> in(16);
  for (int i = 0; i < 16; ++i) in[i] = static_cast<float>(i);
  std::vector<float> filter(9, 1.0f);
  std::vector<float> out(4);
  conv2d({3, 3, 2, 2, 1, 1, Padding::Same}, {1, 4, 4, 1}, in, {1, 3, 3, 1}, filter, {}, {1, 2, 2, 1}, out);
  EXPECT_FLOAT_EQ(out[0], 0 + 1 + 2 + 4 + 5 + 6 + 8 + 9 + 10);
  EXPECT_FLOAT_EQ(out[3], 10 + 11 + 14 + 15);  // rows/cols 2..3 (row/col 4 is padding)
}

TEST(FloatOps, ConvMixesChannelsOhwi) {
  // 1x1 conv, 2 in, 2 out: out[o] = sum_i w[o][i] * x[i].
  std::vector<float> in{2, 3};
  std::vector<float> filter{1, 10, -1, 0.5f};  // o0 = (1, 10), o1 = (-1, 0.5)
  std::vector<float> out(2);
  conv2d({}, {1, 1, 1, 2}, in, {2, 1, 1, 2}, filter, {}, {1, 1, 1, 2}, out);
  EXPECT_FLOAT_EQ(out[0], 32);
  EXPECT_FLOAT_EQ(out[1], -0.5f);
}

TEST(FloatOps, DepthwiseMultiplierReadsInputChannelOverMultiplier) {
  std::vector<float> in{2, 3};          // 1x1x2
  std::vector<float> filter{1, 2, 3, 4};  // 1x1x1x4: oc 0,1 read ic 0; oc 2,3 read ic 1
  std::vector<float> bias{0, 0, 0, 1};
  std::vector<float> out(4);
  depthwiseConv2d({}, 2, {1, 1, 1, 2}, in, filter, bias, {1, 1, 1, 4}, out);
  EXPECT_EQ(out, (std::vector<float>{2, 4, 9, 13}));
}

TEST(FloatOps, FullyConnectedRowsTimesFilter) {
  std::vector<float> in{1, 2, 3};
  std::vector<float> filter{1, 1, 1, 0, -1, 2};
  std::vector<float> bias{0.25f, 0};
  std::vector<float> out(2);
  fullyConnected(3, 2, in, filter, bias, out);
  EXPECT_FLOAT_EQ(out[0], 6.25f);
  EXPECT_FLOAT_EQ(out[1], 4);
}

TEST(FloatOps, AveragePoolSameCountsOnlyCellsInsideTheInput) {
  // 1x3 input, 1x2 window, stride 1, SAME: padding 1 after. The last window holds one cell.
  std::vector<float> in{1, 2, 3};
  std::vector<float> out(3);
  averagePool2d({1, 2, 1, 1, 1, 1, Padding::Same}, {1, 1, 3, 1}, in, {1, 1, 3, 1}, out);
  EXPECT_EQ(out, (std::vector<float>{1.5f, 2.5f, 3.0f}));
}

TEST(FloatOps, MaxPoolIgnoresPadding) {
  // 2x2 input [[-5, -7], [-1, -2]], all negative: padding must not give 0. SAME pads
  // after, so window (0,1) holds column 1 only and window (1,1) the single -2.
  std::vector<float> in{-5, -7, -1, -2};
  std::vector<float> out(4);
  maxPool2d({2, 2, 1, 1, 1, 1, Padding::Same}, {1, 2, 2, 1}, in, {1, 2, 2, 1}, out);
  EXPECT_EQ(out, (std::vector<float>{-1, -2, -1, -2}));
}

TEST(FloatOps, MeanOverHeightAndWidth) {
  std::vector<int32_t> dims{1, 2, 2, 2};
  std::vector<float> in{1, 10, 2, 20, 3, 30, 4, 40};
  std::vector<int32_t> axes{1, -2};
  std::vector<float> out(2);
  mean(dims, in, axes, out);
  EXPECT_FLOAT_EQ(out[0], 2.5f);
  EXPECT_FLOAT_EQ(out[1], 25.0f);
}

TEST(FloatOps, AddBroadcastsTheShorterShape) {
  std::vector<int32_t> a_dims{1, 2, 2}, b_dims{2}, out_dims{1, 2, 2};
  std::vector<float> a{1, 2, 3, 4}, b{10, 100}, out(4);
  add(a_dims, a, b_dims, b, out_dims, out);
  EXPECT_EQ(out, (std::vector<float>{11, 102, 13, 104}));
}

TEST(FloatOps, ConcatenationAlongChannels) {
  std::vector<std::vector<int32_t>> dims{{1, 1, 2, 1}, {1, 1, 2, 2}};
  std::vector<float> a{1, 2}, b{10, 11, 20, 21}, out(6);
  std::vector<std::span<const float>> inputs{a, b};
  concatenation(-1, dims, inputs, out);
  EXPECT_EQ(out, (std::vector<float>{1, 10, 11, 2, 20, 21}));
}

TEST(FloatOps, PadPlacesTheInputAndZerosTheBorder) {
  std::vector<int32_t> dims{1, 1, 2, 1};
  std::vector<float> in{5, 6}, out(8);
  std::vector<std::pair<int32_t, int32_t>> paddings{{0, 0}, {1, 0}, {0, 2}, {0, 0}};
  pad(dims, in, paddings, out);
  EXPECT_EQ(out, (std::vector<float>{0, 0, 0, 0, 5, 6, 0, 0}));
}

TEST(FloatOps, SoftmaxWithBeta) {
  // beta * x = {0, ln 3}: probabilities 1/4 and 3/4.
  std::vector<float> in{0, std::log(3.0f) / 2}, out(2);
  softmax(2.0f, 2, in, out);
  EXPECT_NEAR(out[0], 0.25f, 1e-6);
  EXPECT_NEAR(out[1], 0.75f, 1e-6);
}

TEST(FloatOps, WrongSizesThrowInsteadOfReadingOutOfBounds) {
  std::vector<float> in(3), out(2), filter(5);
  EXPECT_THROW(fullyConnected(3, 2, in, filter, {}, out), std::invalid_argument);
}

}  // namespace
}  // namespace tinyforge::floatops
