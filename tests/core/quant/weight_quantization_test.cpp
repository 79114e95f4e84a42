// Symmetric weight and int32 bias quantization against hand computations.
#include "core/quant/weight_quantization.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace tinyforge {
namespace {

TEST(WeightQuantization, ConvPerChannelAlongDimensionZero) {
  // Filter [2,1,1,2]: channel 0 = {1, -0.5} (scale 1/127: 127, -63.5 -> -64),
  // channel 1 = {0.25, 0.1} (scale 0.25/127: 127, 50.8 -> 51).
  const std::vector<float> filter{1.0f, -0.5f, 0.25f, 0.1f};
  const std::vector<int32_t> shape{2, 1, 1, 2};
  const std::vector<float> bias{0.5f, -1.0f};
  const auto q = quantizeLayerWeights(filter, shape, 0, 127, bias, 2, 0.1f);
  EXPECT_EQ(q.filter, (std::vector<int8_t>{127, -64, 127, 51}));
  ASSERT_EQ(q.filter_scales.size(), 2u);
  EXPECT_FLOAT_EQ(q.filter_scales[0], 1.0f / 127);
  EXPECT_FLOAT_EQ(q.filter_scales[1], 0.25f / 127);
  // Bias scale = 0.1 * filter scale: 0.5 / (0.1/127) = 635; -1 / (0.025/127) = -5080.
  EXPECT_FLOAT_EQ(q.bias_scales[0], 0.1f / 127);
  EXPECT_EQ(q.bias, (std::vector<int32_t>{635, -5080}));
}

TEST(WeightQuantization, DepthwisePerChannelAlongDimensionThree) {
  // Filter [1,2,1,2] (h=2, c=2): channel c holds elements c and 2 + c.
  const std::vector<float> filter{2.0f, 0.5f, -1.0f, 0.25f};
  const std::vector<int32_t> shape{1, 2, 1, 2};
  const auto q = quantizeLayerWeights(filter, shape, 3, 127, {}, 2, 1.0f);
  EXPECT_FLOAT_EQ(q.filter_scales[0], 2.0f / 127);
  EXPECT_FLOAT_EQ(q.filter_scales[1], 0.5f / 127);
  // -1 / (2/127) = -63.5 -> -64; 0.25 / (0.5/127) = 63.5 -> 64.
  EXPECT_EQ(q.filter, (std::vector<int8_t>{127, 127, -64, 64}));
  EXPECT_EQ(q.bias, (std::vector<int32_t>{0, 0}));  // the converter's zero bias
}

TEST(WeightQuantization, PerTensorUsesOneScale) {
  const std::vector<float> filter{0.5f, -2.0f, 1.0f, 0.0f};
  const std::vector<int32_t> shape{2, 2};
  const std::vector<float> bias{1.0f, 0.0f};
  const auto q = quantizeLayerWeights(filter, shape, -1, 127, bias, 2, 0.5f);
  ASSERT_EQ(q.filter_scales.size(), 1u);
  EXPECT_FLOAT_EQ(q.filter_scales[0], 2.0f / 127);
  EXPECT_EQ(q.filter, (std::vector<int8_t>{32, -127, 64, 0}));  // 31.75 -> 32, 63.5 -> 64
  ASSERT_EQ(q.bias_scales.size(), 1u);
  EXPECT_EQ(q.bias[0], 127);  // 1 / (0.5 * 2/127)
}

TEST(WeightQuantization, Int4UsesSevenLevelsEachSide) {
  // Max 1.75 -> scale 0.25 (exact in binary): 7, -3.5 -> -4, 1, -7.
  const std::vector<float> filter{1.75f, -0.875f, 0.25f, -1.75f};
  const std::vector<int32_t> shape{1, 4};
  const auto q = quantizeLayerWeights(filter, shape, -1, 7, {}, 1, 1.0f);
  EXPECT_EQ(q.filter_scales[0], 0.25f);
  EXPECT_EQ(q.filter, (std::vector<int8_t>{7, -4, 1, -7}));  // -3.5 -> -4 (half away from zero)
}

TEST(WeightQuantization, AllZeroChannelGetsScaleOne) {
  const std::vector<float> filter{0.0f, 0.0f, 1.0f, 1.0f};
  const std::vector<int32_t> shape{2, 1, 1, 2};
  const auto q = quantizeLayerWeights(filter, shape, 0, 127, {}, 2, 1.0f);
  EXPECT_EQ(q.filter_scales[0], 1.0f);
  EXPECT_EQ(q.filter[0], 0);
}

TEST(WeightQuantization, ScaleIsRaisedWhenTheBiasWouldOverflowInt32) {
  // Weight 1e-6, input scale 1e-3: bias scale 1e-3 * 1e-6/127 ~ 7.9e-12, so a bias of
  // 1.0 would need 1.3e11 > 2^31 - 1. The scale rises until it fits.
  const std::vector<float> filter{1e-6f};
  const std::vector<int32_t> shape{1, 1, 1, 1};
  const std::vector<float> bias{1.0f};
  const auto q = quantizeLayerWeights(filter, shape, 0, 127, bias, 1, 1e-3f);
  EXPECT_GT(q.filter_scales[0], 1e-6f / 127);
  EXPECT_LE(q.bias[0], std::numeric_limits<int32_t>::max());
  EXPECT_NEAR(static_cast<double>(q.bias[0]) * q.bias_scales[0], 1.0, 1e-3);
}

TEST(WeightQuantization, RejectsANonPositiveInputScale) {
  const std::vector<float> filter{1.0f};
  const std::vector<int32_t> shape{1, 1};
  EXPECT_THROW(quantizeLayerWeights(filter, shape, -1, 127, {}, 1, 0.0f), std::invalid_argument);
}

}  // namespace
}  // namespace tinyforge
