#include "core/kernels/max_pool2d.h"

#include <gtest/gtest.h>

#include <vector>

using namespace tinyforge::kernels;

TEST(MaxPool2D, MaxOverWindowsWithClamp) {
  // 2x4x2 input (two channels interleaved), 2x2 windows, stride 2 -> 1x2x2.
  //   left window  ch0 {-5, 3, 0, -1} -> 3;  ch1 {-128, -100, -90, -127} -> -90
  //   right window ch0 {7, 1, 2, 120} -> 120; ch1 {10, 20, 30, 40} -> 40
  const std::vector<int8_t> input{-5, -128, 3, -100, 7, 10, 1, 20, 0, -90, -1, -127, 2, 30, 120, 40};
  const PreparedPool prep = preparePool2D({2, 2, 2, 2, PaddingType::Valid, FusedActivation::None}, {1, 2, 4, 2},
                                          {0.05f, -10}, {0.05f, -10});
  std::vector<int8_t> out(4);
  maxPool2d(prep.params, {1, 2, 4, 2}, input, prep.output_shape, out);
  EXPECT_EQ(out, (std::vector<int8_t>{3, -90, 120, 40}));
  // Fused ReLU6 at scale 0.05, zp -10: [-10, -10 + 120 = 110].
  const PreparedPool relu6 = preparePool2D({2, 2, 2, 2, PaddingType::Valid, FusedActivation::Relu6}, {1, 2, 4, 2},
                                           {0.05f, -10}, {0.05f, -10});
  maxPool2d(relu6.params, {1, 2, 4, 2}, input, relu6.output_shape, out);
  EXPECT_EQ(out, (std::vector<int8_t>{3, -10, 110, 40}));
}

TEST(MaxPool2D, PaddingNeverWins) {
  // All-negative 2x2 input, 3x3 SAME window: padding is not a candidate, so the maximum
  // is the largest input (-7), not the zero point.
  const std::vector<int8_t> input{-9, -7, -100, -8};
  const PreparedPool prep = preparePool2D({1, 1, 3, 3, PaddingType::Same, FusedActivation::None}, {1, 2, 2, 1},
                                          {0.1f, 0}, {0.1f, 0});
  std::vector<int8_t> out(4);
  maxPool2d(prep.params, {1, 2, 2, 1}, input, prep.output_shape, out);
  EXPECT_EQ(out, (std::vector<int8_t>{-7, -7, -7, -7}));
}
