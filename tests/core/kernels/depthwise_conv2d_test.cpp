// DepthwiseConv2D: channel mapping with a depth multiplier by hand, and a differential
// test against a naive double computation.
#include "core/kernels/depthwise_conv2d.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "core/kernels/kernel_error.h"

using namespace tinyforge::kernels;

TEST(DepthwiseConv2D, DepthMultiplierTwoByHand) {
  // Input 2x2x1 q = [1 2; 3 4] (scale 1, zp 0); multiplier 2 -> two output channels.
  // Filter {1,2,2,2}, element (fy, fx, oc) at (fy*2 + fx)*2 + oc:
  //   oc 0: all 1 (scale 1)        -> 1+2+3+4 = 10, multiplier 1.0 -> 10
  //   oc 1: [1 -1; 1 -1] (scale 0.5) -> 1-2+3-4 = -2, times 0.5 -> -1
  const std::vector<int8_t> input{1, 2, 3, 4};
  const std::vector<int8_t> filter{1, 1, 1, -1, 1, 1, 1, -1};
  const std::vector<float> scales{1.0f, 0.5f};
  const PreparedConv prep = prepareDepthwiseConv2D({1, 1, 1, 1, PaddingType::Valid, FusedActivation::None},
                                                   {1, 2, 2, 1}, {1, 2, 2, 2}, {1.0f, 0}, scales, {1.0f, 0});
  ASSERT_EQ(prep.output_shape, (Shape4{1, 1, 1, 2}));
  std::vector<int8_t> out(2);
  depthwiseConv2dPerChannel(prep.params, 2, prep.channel_multipliers, {1, 2, 2, 1}, input, {1, 2, 2, 2}, filter, {},
                            prep.output_shape, out);
  EXPECT_EQ(out, (std::vector<int8_t>{10, -1}));
  // A multiplier that does not match the channels is an error.
  EXPECT_THROW(depthwiseConv2dPerChannel(prep.params, 1, prep.channel_multipliers, {1, 2, 2, 1}, input, {1, 2, 2, 2},
                                         filter, {}, prep.output_shape, out),
               KernelError);
}

TEST(DepthwiseConv2D, MatchesDoubleReferenceWithinOneLsb) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> byte(-128, 127);
  const int mult = 2;
  const Shape4 is{1, 9, 8, 3};
  const Shape4 fs{1, 3, 3, 6};
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<int8_t> in(static_cast<size_t>(is.flatSize())), f(static_cast<size_t>(fs.flatSize()));
    for (auto& v : in) v = static_cast<int8_t>(byte(rng));
    for (auto& v : f) v = static_cast<int8_t>(byte(rng));
    std::vector<float> fsc{0.01f, 0.02f, 0.005f, 0.013f, 0.008f, 0.03f};
    std::vector<int32_t> bias{100, -200, 3000, 0, -7000, 50};
    const float in_scale = 0.1f, out_scale = 0.7f;
    const int in_zp = -20, out_zp = 5;
    const PreparedConv prep = prepareDepthwiseConv2D({2, 2, 1, 1, PaddingType::Same, FusedActivation::Relu6}, is, fs,
                                                     {in_scale, in_zp}, fsc, {out_scale, out_zp});
    std::vector<int8_t> out(static_cast<size_t>(prep.output_shape.flatSize()));
    depthwiseConv2dPerChannel(prep.params, mult, prep.channel_multipliers, is, in, fs, f, bias, prep.output_shape, out);
    const Shape4& os = prep.output_shape;
    for (int y = 0; y < os.h; ++y)
      for (int x = 0; x < os.w; ++x)
        for (int oc = 0; oc < os.c; ++oc) {
          const int ic = oc / mult;
          double acc = bias[oc] * static_cast<double>(in_scale) * fsc[oc];
          for (int fy = 0; fy < 3; ++fy)
            for (int fx = 0; fx < 3; ++fx) {
              const int iy = y * 2 - prep.params.pad_height + fy, ix = x * 2 - prep.params.pad_width + fx;
              if (iy < 0 || iy >= is.h || ix < 0 || ix >= is.w) continue;
              acc += static_cast<double>(in_scale) * (in[(iy * is.w + ix) * is.c + ic] - in_zp) *
                     static_cast<double>(fsc[oc]) * f[(fy * 3 + fx) * 6 + oc];
            }
          // ReLU6 in real terms, then quantize.
          acc = std::fmin(std::fmax(acc, 0.0), 6.0);
          const double q = std::fmin(127.0, std::fmax(-128.0, std::round(acc / out_scale) + out_zp));
          ASSERT_LE(std::abs(out[(y * os.w + x) * os.c + oc] - q), 1) << trial;
        }
  }
}
