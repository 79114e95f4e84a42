// Conv2D: a hand-computed case, a differential test against a naive double-precision
// convolution (within 1 LSB), int4 filters and bad input.
#include "core/kernels/conv2d.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "core/kernels/int4.h"
#include "core/kernels/kernel_error.h"

using namespace tinyforge::kernels;

TEST(Conv2D, ThreeByThreeOnFourByFourByHand) {
  // Input 4x4x1, q = 1..16 row-major, scale 0.5, zero point -1 (real = 0.5 * (q + 1)).
  // Filter 1x3x3x1 of ones, scale 0.25. Bias 8 at scale 0.5 * 0.25 = 0.125 (real 1.0).
  // Output scale 1.0, zero point 2, VALID, stride 1 -> 2x2.
  // Effective multiplier 0.5 * 0.25 / 1.0 = 0.125 = (2^30, shift -2).
  std::vector<int8_t> input(16);
  for (int i = 0; i < 16; ++i) input[i] = static_cast<int8_t>(i + 1);
  const std::vector<int8_t> filter(9, 1);
  const std::vector<int32_t> bias{8};
  const std::vector<float> filter_scales{0.25f};
  const PreparedConv prep = prepareConv2D({1, 1, 1, 1, PaddingType::Valid, FusedActivation::None}, {1, 4, 4, 1},
                                          {1, 3, 3, 1}, {0.5f, -1}, filter_scales, {1.0f, 2});
  ASSERT_EQ(prep.output_shape, (Shape4{1, 2, 2, 1}));
  ASSERT_EQ(prep.channel_multipliers[0], (QuantizedMultiplier{1 << 30, -2}));
  std::vector<int8_t> out(4);
  conv2dPerChannel(prep.params, prep.channel_multipliers, {1, 4, 4, 1}, input, {1, 3, 3, 1}, filter, bias,
                   prep.output_shape, out);
  // acc = sum(q + 1) over the window + bias:
  //  (0,0): {1,2,3,5,6,7,9,10,11} = 54, +9, +8 = 71; 71/8 = 8.875: high mul 35.5 -> 36,
  //         shift 36/4 = 9 -> 9 + 2 = 11
  //  (0,1): 63 + 9 + 8 = 80; 80/8 = 10 -> 12
  //  (1,0): 90 + 9 + 8 = 107; 107/8 = 13.375: 53.5 -> 54, 54/4 = 13.5 -> 14 -> 16
  //         (double rounding: a single rounding would give 13 -> 15)
  //  (1,1): 99 + 9 + 8 = 116; 116/8 = 14.5: 58, 58/4 = 14.5 -> 15 -> 17
  EXPECT_EQ(out, (std::vector<int8_t>{11, 12, 16, 17}));
}

TEST(Conv2D, ReluClampsAtTheZeroPoint) {
  // 1x1 conv, two output channels with filters +1 and -1 (scale 1), input 5 (scale 1,
  // zp 0), output scale 1 zp -3 with ReLU: channel 0 -> 5 - 3 = 2; channel 1 -> -5 - 3 = -8,
  // clamped to the zero point -3 (real 0).
  const std::vector<int8_t> input{5};
  const std::vector<int8_t> filter{1, -1};
  const std::vector<float> scales{1.0f};
  const PreparedConv prep = prepareConv2D({1, 1, 1, 1, PaddingType::Same, FusedActivation::Relu}, {1, 1, 1, 1},
                                          {2, 1, 1, 1}, {1.0f, 0}, scales, {1.0f, -3});
  std::vector<int8_t> out(2);
  conv2dPerChannel(prep.params, prep.channel_multipliers, {1, 1, 1, 1}, input, {2, 1, 1, 1}, filter, {},
                   prep.output_shape, out);
  EXPECT_EQ(out, (std::vector<int8_t>{2, -3}));
}

namespace {
// Naive reference in double: real-valued convolution of the dequantized tensors, then
// quantized with the output's scale (round half away from zero) and clamped.
std::vector<int8_t> referenceConv(const Shape4& is, const std::vector<int8_t>& in, float in_scale, int in_zp,
                                  const Shape4& fs, const std::vector<int8_t>& f, const std::vector<float>& f_scale,
                                  const std::vector<int32_t>& bias, float out_scale, int out_zp, int stride, int pad_h, int pad_w,
                                  const Shape4& os) {
  std::vector<int8_t> out(static_cast<size_t>(os.flatSize()));
  for (int y = 0; y < os.h; ++y)
    for (int x = 0; x < os.w; ++x)
      for (int o = 0; o < os.c; ++o) {
        double acc = bias[o] * static_cast<double>(in_scale) * f_scale[o];
        for (int fy = 0; fy < fs.h; ++fy)
          for (int fx = 0; fx < fs.w; ++fx) {
            const int iy = y * stride - pad_h + fy;
            const int ix = x * stride - pad_w + fx;
            if (iy < 0 || iy >= is.h || ix < 0 || ix >= is.w) continue;
            for (int i = 0; i < fs.c; ++i) {
              const double xin = static_cast<double>(in_scale) * (in[(iy * is.w + ix) * is.c + i] - in_zp);
              const double w = static_cast<double>(f_scale[o]) * f[((o * fs.h + fy) * fs.w + fx) * fs.c + i];
              acc += xin * w;
            }
          }
        const double q = std::round(acc / out_scale) + out_zp;
        out[(y * os.w + x) * os.c + o] = static_cast<int8_t>(std::fmin(127.0, std::fmax(-128.0, q)));
      }
  return out;
}
}  // namespace

TEST(Conv2D, MatchesDoubleReferenceWithinOneLsb) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(-128, 127);
  for (int trial = 0; trial < 30; ++trial) {
    const Shape4 is{1, 7, 6, 3};
    const Shape4 fs{4, 3, 3, 3};
    std::vector<int8_t> in(static_cast<size_t>(is.flatSize())), f(static_cast<size_t>(fs.flatSize()));
    for (auto& v : in) v = static_cast<int8_t>(byte(rng));
    for (auto& v : f) v = static_cast<int8_t>(byte(rng));
    const std::vector<float> f_scale{0.002f, 0.0031f, 0.0007f, 0.0015f};
    const std::vector<int32_t> bias{1000, -2500, 0, 31000};
    const float in_scale = 0.05f, out_scale = 0.9f;
    const int in_zp = byte(rng) / 2, out_zp = byte(rng) / 2;
    const PreparedConv prep = prepareConv2D({2, 2, 1, 1, PaddingType::Same, FusedActivation::None}, is, fs,
                                            {in_scale, in_zp}, f_scale, {out_scale, out_zp});
    std::vector<int8_t> out(static_cast<size_t>(prep.output_shape.flatSize()));
    conv2dPerChannel(prep.params, prep.channel_multipliers, is, in, fs, f, bias, prep.output_shape, out);
    const auto ref = referenceConv(is, in, in_scale, in_zp, fs, f, f_scale, bias, out_scale, out_zp, 2,
                                   prep.params.pad_height, prep.params.pad_width, prep.output_shape);
    for (size_t i = 0; i < out.size(); ++i) ASSERT_LE(std::abs(out[i] - ref[i]), 1) << "trial " << trial << " at " << i;
  }
}

TEST(Conv2D, Int4FiltersUnpackToTheSameResult) {
  // Nibbles, low first: byte 0x8F holds -1 (0xF) then -8 (0x8).
  const std::vector<uint8_t> packed{0x8F, 0x07, 0x01};
  EXPECT_EQ(unpackInt4(packed, 5), (std::vector<int8_t>{-1, -8, 7, 0, 1}));
  const std::vector<int8_t> values{-8, -3, 0, 5, 7, -1, 2, 4, -6};
  EXPECT_EQ(unpackInt4(packInt4(values), 9), values);
  // A 3x3 int4 filter runs as its unpacked int8 twin.
  std::vector<int8_t> input(16);
  for (int i = 0; i < 16; ++i) input[i] = static_cast<int8_t>(7 * i - 50);
  const std::vector<float> scales{0.1f};
  const PreparedConv prep = prepareConv2D({1, 1, 1, 1, PaddingType::Same, FusedActivation::None}, {1, 4, 4, 1},
                                          {1, 3, 3, 1}, {0.5f, 3}, scales, {2.0f, 0});
  std::vector<int8_t> a(16), b(16);
  conv2dPerChannel(prep.params, prep.channel_multipliers, {1, 4, 4, 1}, input, {1, 3, 3, 1},
                   unpackInt4(packInt4(values), 9), {}, prep.output_shape, a);
  conv2dPerChannel(prep.params, prep.channel_multipliers, {1, 4, 4, 1}, input, {1, 3, 3, 1}, values, {},
                   prep.output_shape, b);
  EXPECT_EQ(a, b);
  EXPECT_THROW(unpackInt4(packed, 7), KernelError);
  EXPECT_THROW(packInt4(std::vector<int8_t>{9}), KernelError);
}

TEST(Conv2D, BadSizesAreErrorsNotCrashes) {
  const std::vector<int8_t> input(15);  // one short of 4x4
  const std::vector<int8_t> filter(9);
  const std::vector<QuantizedMultiplier> m{{1 << 30, 0}};
  std::vector<int8_t> out(4);
  EXPECT_THROW(conv2dPerChannel({}, m, {1, 4, 4, 1}, input, {1, 3, 3, 1}, filter, {}, {1, 2, 2, 1}, out), KernelError);
  const std::vector<int8_t> good_input(16);
  const std::vector<int32_t> bias(2);  // one output channel, two biases
  EXPECT_THROW(conv2dPerChannel({}, m, {1, 4, 4, 1}, good_input, {1, 3, 3, 1}, filter, bias, {1, 2, 2, 1}, out),
               KernelError);
}
