// FullyConnected per-tensor and per-channel, by hand and against a double reference.
#include "core/kernels/fully_connected.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "core/kernels/kernel_error.h"

using namespace tinyforge::kernels;

TEST(FullyConnected, PerTensorByHand) {
  // Input [1 2 3], zp -1 -> offsets give [2 3 4]; filter [[1 0 -1], [2 2 2]] (zp 0);
  // bias [5, -4]. Scales 0.5 * 0.5 / 0.25 = 1.0 = (2^30, 1).
  //   unit 0: 2 - 4 + 5 = 3;  unit 1: 18 - 4 = 14.
  const std::vector<int8_t> input{1, 2, 3};
  const std::vector<int8_t> filter{1, 0, -1, 2, 2, 2};
  const std::vector<int32_t> bias{5, -4};
  const std::vector<float> scales{0.5f};
  const auto prep = prepareFullyConnected(FusedActivation::None, {0.5f, -1}, scales, 0, {0.25f, 0}, 2);
  EXPECT_FALSE(prep.per_channel);
  ASSERT_EQ(prep.multipliers[0], (QuantizedMultiplier{1 << 30, 1}));
  std::vector<int8_t> out(2);
  fullyConnected(prep, 3, 2, input, filter, bias, out);
  EXPECT_EQ(out, (std::vector<int8_t>{3, 14}));
  // Output zero point 120: 123 and 134 -> saturates at 127.
  const auto shifted = prepareFullyConnected(FusedActivation::None, {0.5f, -1}, scales, 0, {0.25f, 120}, 2);
  fullyConnected(shifted, 3, 2, input, filter, bias, out);
  EXPECT_EQ(out, (std::vector<int8_t>{123, 127}));
}

TEST(FullyConnected, PerChannelByHandAndBatches) {
  // Two batches [1 1] and [-2 4] (scale 1, zp 0), filter rows [3 1] (scale 0.5) and
  // [1 -1] (scale 0.25), output scale 1: unit 0 = 0.5 * (3a + b), unit 1 = 0.25 * (a - b).
  //   batch 0: 0.5 * 4 = 2,  0.25 * 0 = 0
  //   batch 1: 0.5 * (-6 + 4) = -1;  0.25 * (-2 - 4) = -1.5: 0.25 is (2^30, shift -1),
  //            the high multiply halves -6 exactly to -3, the rounding shift takes -1.5
  //            away from zero -> -2
  const std::vector<int8_t> input{1, 1, -2, 4};
  const std::vector<int8_t> filter{3, 1, 1, -1};
  const std::vector<float> scales{0.5f, 0.25f};
  const auto prep = prepareFullyConnected(FusedActivation::None, {1.0f, 0}, scales, 0, {1.0f, 0}, 2);
  EXPECT_TRUE(prep.per_channel);
  std::vector<int8_t> out(4);
  fullyConnected(prep, 2, 2, input, filter, {}, out);
  EXPECT_EQ(out, (std::vector<int8_t>{2, 0, -1, -2}));
  std::vector<int8_t> bad(3);
  EXPECT_THROW(fullyConnected(prep, 2, 2, input, filter, {}, bad), KernelError);
}

TEST(FullyConnected, MatchesDoubleReferenceWithinOneLsb) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> byte(-128, 127);
  const int depth = 64, units = 10;
  std::vector<float> scales(units);
  for (int u = 0; u < units; ++u) scales[u] = 0.001f * (u + 1);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<int8_t> in(depth), f(depth * units);
    for (auto& v : in) v = static_cast<int8_t>(byte(rng));
    for (auto& v : f) v = static_cast<int8_t>(byte(rng));
    std::vector<int32_t> bias(units);
    for (auto& b : bias) b = byte(rng) * 40;
    const float in_scale = 0.04f, out_scale = 0.3f;
    const int in_zp = 7, out_zp = -3;
    for (int per_channel = 0; per_channel < 2; ++per_channel) {
      const std::span<const float> fs = per_channel ? std::span<const float>(scales) : std::span<const float>(scales).first(1);
      const auto prep = prepareFullyConnected(FusedActivation::None, {in_scale, in_zp}, fs, 0, {out_scale, out_zp}, units);
      std::vector<int8_t> out(units);
      fullyConnected(prep, depth, units, in, f, bias, out);
      for (int u = 0; u < units; ++u) {
        const double fscale = per_channel ? scales[u] : scales[0];
        double acc = bias[u] * static_cast<double>(in_scale) * fscale;
        for (int d = 0; d < depth; ++d) acc += static_cast<double>(in_scale) * (in[d] - in_zp) * fscale * f[u * depth + d];
        const double q = std::fmin(127.0, std::fmax(-128.0, std::round(acc / out_scale) + out_zp));
        ASSERT_LE(std::abs(out[u] - q), 1);
      }
    }
  }
}
