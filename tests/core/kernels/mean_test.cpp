// MEAN over axes, including TFLM's folding of 1/n into the multiplier.
#include "core/kernels/mean.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/kernels/kernel_error.h"

using namespace tinyforge::kernels;

TEST(Mean, GlobalAveragePoolByHand) {
  // 1x2x2x1 = [1 2 3 4], same scale in and out (multiplier 1.0 = (2^30, 1)).
  // n = 4: s = 2, m' = (2^30 << 2) / 4 = 2^30, shift' = 1 - 2 = -1.
  // sum 10: high mul 10 * 0.5 = 5, rounding shift 2.5 -> 3 (mean 2.5 rounds up).
  const MeanParams p = prepareMean({0.5f, 0}, {0.5f, 0});
  const std::vector<int> dims{1, 2, 2, 1};
  const std::vector<int> axes{1, 2};
  std::vector<int8_t> out(1);
  meanInt8(p, dims, std::vector<int8_t>{1, 2, 3, 4}, axes, out);
  EXPECT_EQ(out[0], 3);
}

TEST(Mean, NonPowerOfTwoCountAndNegativeTies) {
  const MeanParams p = prepareMean({1.0f, 0}, {1.0f, 0});
  const std::vector<int> dims{3};
  const std::vector<int> axes{0};
  std::vector<int8_t> out(1);
  // n = 3: s = 1, m' = (2^30 << 1) / 3 = 715827882 (truncated), shift' = 0.
  // sum 7: 7 * 715827882 / 2^31 = 2.333 -> 2.
  meanInt8(p, dims, std::vector<int8_t>{1, 2, 4}, axes, out);
  EXPECT_EQ(out[0], 2);
  // n = 2, sum -3: m' = 2^30, shift' = 0, so only the high multiply rounds: -1.5 ties
  // upward to -1 (not -2 as a round-half-away mean would give).
  const std::vector<int> dims2{2};
  meanInt8(p, dims2, std::vector<int8_t>{-1, -2}, axes, out);
  EXPECT_EQ(out[0], -1);
}

TEST(Mean, ZeroPointsAndRescale) {
  // Input scale 0.1 zp 10, output scale 0.2 zp -5. Values q = [20, 30] (real 1.0, 2.0),
  // mean 1.5 -> 1.5 / 0.2 = 7.5: multiplier 0.5 with n = 2 folds to (2^30, -1); the high
  // multiply halves 30 to 15 exactly, the rounding shift takes 7.5 away from zero to 8,
  // + zp -5 = 3.
  const MeanParams p = prepareMean({0.1f, 10}, {0.2f, -5});
  const std::vector<int> dims{1, 2};
  const std::vector<int> axes{-1};
  std::vector<int8_t> out(1);
  meanInt8(p, dims, std::vector<int8_t>{20, 30}, axes, out);
  EXPECT_EQ(out[0], 3);
}

TEST(Mean, ReducesOnlyTheGivenAxes) {
  // 1x2x2x2, reduce H and W: channel 0 {1,3,5,7} -> 4, channel 1 {2,4,6,8} -> 5.
  const MeanParams p = prepareMean({1.0f, 0}, {1.0f, 0});
  const std::vector<int> dims{1, 2, 2, 2};
  const std::vector<int> axes{2, 1, 1};  // order and duplicates do not matter
  std::vector<int8_t> out(2);
  meanInt8(p, dims, std::vector<int8_t>{1, 2, 3, 4, 5, 6, 7, 8}, axes, out);
  EXPECT_EQ(out, (std::vector<int8_t>{4, 5}));
  const std::vector<int> bad_axes{4};
  EXPECT_THROW(meanInt8(p, dims, std::vector<int8_t>(8), bad_axes, out), KernelError);
}
