// AveragePool2D: the rounding of negative averages and windows clipped by SAME padding.
#include "core/kernels/average_pool2d.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/kernels/kernel_error.h"

using namespace tinyforge::kernels;

TEST(AveragePool2D, RoundsHalfAwayFromZero) {
  EXPECT_EQ(roundedAverage(-5, 4), -1);  // -1.25 -> -1
  EXPECT_EQ(roundedAverage(-6, 4), -2);  // -1.5  -> -2
  EXPECT_EQ(roundedAverage(-5, 2), -3);  // -2.5  -> -3
  EXPECT_EQ(roundedAverage(6, 4), 2);    //  1.5  ->  2
  EXPECT_EQ(roundedAverage(5, 4), 1);    //  1.25 ->  1
  EXPECT_EQ(roundedAverage(0, 9), 0);
}

TEST(AveragePool2D, TwoByTwoWindowsByHand) {
  // 2x4x1 input, 2x2 windows, stride 2, VALID -> 1x2:
  //   left  [-1 -2; -2 0]: sum -5 / 4 = -1.25 -> -1
  //   right [-1 -1; -1 -3]: sum -6 / 4 = -1.5 -> -2
  const std::vector<int8_t> input{-1, -2, -1, -1, -2, 0, -1, -3};
  const PreparedPool prep = preparePool2D({2, 2, 2, 2, PaddingType::Valid, FusedActivation::None}, {1, 2, 4, 1},
                                          {0.1f, 0}, {0.1f, 0});
  ASSERT_EQ(prep.output_shape, (Shape4{1, 1, 2, 1}));
  std::vector<int8_t> out(2);
  averagePool2d(prep.params, {1, 2, 4, 1}, input, prep.output_shape, out);
  EXPECT_EQ(out, (std::vector<int8_t>{-1, -2}));
}

TEST(AveragePool2D, SamePaddingCountsOnlyCellsInside) {
  // 2x2 input [1 2; 3 5], 3x3 window, SAME, stride 1: every window covers the whole
  // input but only those 4 cells count: 11 / 4 = 2.75 -> 3 everywhere.
  const std::vector<int8_t> input{1, 2, 3, 5};
  const PreparedPool prep = preparePool2D({1, 1, 3, 3, PaddingType::Same, FusedActivation::None}, {1, 2, 2, 1},
                                          {0.1f, 0}, {0.1f, 0});
  std::vector<int8_t> out(4);
  averagePool2d(prep.params, {1, 2, 2, 1}, input, prep.output_shape, out);
  EXPECT_EQ(out, (std::vector<int8_t>{3, 3, 3, 3}));
}

TEST(AveragePool2D, RefusesRescalingAndEmptyWindows) {
  EXPECT_THROW(preparePool2D({}, {1, 2, 2, 1}, {0.1f, 0}, {0.2f, 0}), KernelError);
  EXPECT_THROW(preparePool2D({}, {1, 2, 2, 1}, {0.1f, 0}, {0.1f, 1}), KernelError);
  // Padding larger than the window: the window at (0,0) sees no input cell.
  PoolParams p;
  p.filter_height = p.filter_width = 1;
  p.pad_height = p.pad_width = 1;
  const std::vector<int8_t> input{1};
  std::vector<int8_t> out(1);
  EXPECT_THROW(averagePool2d(p, {1, 1, 1, 1}, input, {1, 1, 1, 1}, out), KernelError);
}
