#include "core/kernels/quantize.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "core/kernels/dequantize.h"
#include "core/kernels/kernel_error.h"

using namespace tinyforge::kernels;

TEST(Quantize, FloatToInt8RoundsHalfAwayAndSaturates) {
  const TensorQuantization q{0.5f, 0};
  std::vector<int8_t> out(6);
  // 1.0 / 0.5 = 2; -0.25 / 0.5 = -0.5 -> -1; 0.25 -> 0.5 -> 1; 1000 -> 127; -1000 -> -128;
  // 0.74 -> 1.48 -> 1.
  quantizeFloatToInt8(q, std::vector<float>{1.0f, -0.25f, 0.25f, 1000.0f, -1000.0f, 0.74f}, out);
  EXPECT_EQ(out, (std::vector<int8_t>{2, -1, 1, 127, -128, 1}));
  // The zero point is added after rounding: 0.3 / 0.1 -> 3, + (-128) = -125.
  EXPECT_EQ(quantizeValueInt8(0.3f, {0.1f, -128}), -125);
  EXPECT_EQ(quantizeValueInt8(std::numeric_limits<float>::infinity(), {0.1f, 0}), 127);
  EXPECT_EQ(quantizeValueInt8(std::numeric_limits<float>::quiet_NaN(), {0.1f, 4}), 4);
  EXPECT_THROW(quantizeFloatToInt8({0.0f, 0}, std::vector<float>{1.0f}, out), KernelError);
}

TEST(Quantize, RequantizeInt8ToInt8) {
  // In scale 0.5 zp 0 -> out scale 0.25 zp 1: multiplier 2.0 = (2^30, 2); 3 -> 6 + 1 = 7;
  // -70 -> -140 + 1 -> -128 (saturated).
  const RequantizeParams p = prepareRequantize({0.5f, 0}, {0.25f, 1});
  EXPECT_EQ(p.multiplier, (QuantizedMultiplier{1 << 30, 2}));
  std::vector<int8_t> out(2);
  requantizeInt8(p, std::vector<int8_t>{3, -70}, out);
  EXPECT_EQ(out, (std::vector<int8_t>{7, -128}));
}

TEST(Dequantize, ScaleTimesOffset) {
  std::vector<float> out(3);
  dequantizeInt8({0.5f, -128}, std::vector<int8_t>{-128, 127, 0}, out);
  EXPECT_EQ(out, (std::vector<float>{0.0f, 127.5f, 64.0f}));
  // Round trip: dequantize then quantize gives the same int8 for every value.
  const TensorQuantization q{0.0371f, 17};
  for (int v = -128; v <= 127; ++v) {
    const auto i8 = static_cast<int8_t>(v);
    EXPECT_EQ(quantizeValueInt8(dequantizeValue(i8, q), q), i8);
  }
}
