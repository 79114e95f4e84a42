// The interpreter's fast Conv2D / DepthwiseConv2D give the reference kernels' bytes on
// random layers: every stride, dilation, padding, zero point, activation and a channel
// count that is not a multiple of the SIMD width.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "core/interpreter/fast_conv.h"
#include "core/kernels/conv2d.h"
#include "core/kernels/depthwise_conv2d.h"

using namespace tinyforge;
using namespace tinyforge::kernels;

namespace {

struct RandomLayer {
  Shape4 input, filter;
  ConvAttributes attributes;
  TensorQuantization in_q, out_q;
  std::vector<float> scales;
  std::vector<int8_t> input_data, filter_data;
  std::vector<int32_t> bias;
};

RandomLayer randomLayer(std::mt19937& rng, bool depthwise) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  RandomLayer l;
  l.input = {pick(1, 2), pick(1, 9), pick(1, 9), pick(1, 21)};
  const int out_c = depthwise ? l.input.c : pick(1, 13);
  l.filter = depthwise ? Shape4{1, pick(1, 4), pick(1, 4), l.input.c} : Shape4{out_c, pick(1, 4), pick(1, 4), l.input.c};
  const FusedActivation activations[] = {FusedActivation::None, FusedActivation::Relu, FusedActivation::Relu6};
  l.attributes = {pick(1, 3), pick(1, 3), pick(1, 2), pick(1, 2), pick(0, 1) ? PaddingType::Same : PaddingType::Valid,
                  activations[pick(0, 2)]};
  l.in_q = {std::uniform_real_distribution<float>(0.005f, 0.1f)(rng), pick(-128, 127)};
  l.out_q = {std::uniform_real_distribution<float>(0.01f, 0.5f)(rng), pick(-128, 127)};
  const int channels = depthwise ? l.filter.c : l.filter.n;
  for (int c = 0; c < channels; ++c) l.scales.push_back(std::uniform_real_distribution<float>(0.001f, 0.05f)(rng));
  for (int64_t i = 0; i < l.input.flatSize(); ++i) l.input_data.push_back(static_cast<int8_t>(pick(-128, 127)));
  for (int64_t i = 0; i < l.filter.flatSize(); ++i) l.filter_data.push_back(static_cast<int8_t>(pick(-127, 127)));
  if (pick(0, 3) != 0)
    for (int c = 0; c < channels; ++c) l.bias.push_back(pick(-20000, 20000));
  return l;
}

}  // namespace

TEST(FastConv, Conv2DMatchesReferenceOnRandomLayers) {
  std::mt19937 rng(1234);
  int checked = 0;
  for (int trial = 0; trial < 600; ++trial) {
    const RandomLayer l = randomLayer(rng, false);
    PreparedConv prepared;
    try {
      prepared = prepareConv2D(l.attributes, l.input, l.filter, l.in_q, l.scales, l.out_q);
    } catch (const KernelError&) {
      continue;  // a VALID window larger than the input
    }
    std::vector<int8_t> expected(static_cast<size_t>(prepared.output_shape.flatSize()));
    conv2dPerChannel(prepared.params, prepared.channel_multipliers, l.input, l.input_data, l.filter, l.filter_data,
                     l.bias, prepared.output_shape, expected);
    ASSERT_TRUE(FastConv2D::applies(l.input, l.filter));
    FastConv2D fast(prepared, l.input, l.filter, l.filter_data, l.bias);
    std::vector<int8_t> got(expected.size());
    fast.run(l.input_data.data(), got.data());
    ASSERT_EQ(got, expected) << "trial " << trial << " input " << toString(l.input) << " filter "
                             << toString(l.filter);
    ++checked;
  }
  EXPECT_GT(checked, 300);
}

TEST(FastConv, DepthwiseMatchesReferenceOnRandomLayers) {
  std::mt19937 rng(99);
  int checked = 0;
  for (int trial = 0; trial < 600; ++trial) {
    const RandomLayer l = randomLayer(rng, true);
    PreparedConv prepared;
    try {
      prepared = prepareDepthwiseConv2D(l.attributes, l.input, l.filter, l.in_q, l.scales, l.out_q);
    } catch (const KernelError&) {
      continue;
    }
    std::vector<int8_t> expected(static_cast<size_t>(prepared.output_shape.flatSize()));
    depthwiseConv2dPerChannel(prepared.params, 1, prepared.channel_multipliers, l.input, l.input_data, l.filter,
                              l.filter_data, l.bias, prepared.output_shape, expected);
    ASSERT_TRUE(FastDepthwiseConv2D::applies(l.input, l.filter));
    FastDepthwiseConv2D fast(prepared, l.input, l.filter, l.filter_data, l.bias);
    std::vector<int8_t> got(expected.size());
    fast.run(l.input_data.data(), got.data());
    ASSERT_EQ(got, expected) << "trial " << trial << " input " << toString(l.input) << " filter "
                             << toString(l.filter);
    ++checked;
  }
  EXPECT_GT(checked, 300);
}

TEST(FastConv, GroupedConvAndDepthMultipliersStayOnTheReference) {
  EXPECT_FALSE(FastConv2D::applies({1, 4, 4, 8}, {8, 3, 3, 4}));                 // 2 groups
  EXPECT_FALSE(FastDepthwiseConv2D::applies({1, 4, 4, 8}, {1, 3, 3, 16}));       // multiplier 2
  EXPECT_TRUE(FastDepthwiseConv2D::applies({1, 4, 4, 8}, {1, 3, 3, 8}));
}
