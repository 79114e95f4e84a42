// Activation quantization as the TFLite converter chooses it, against hand computations.
#include "core/quant/quant_params.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tinyforge {
namespace {

TEST(QuantParams, Relu6RangeUsesTheWholeInt8RangeFromMinus128) {
  // [0, 6]: scale 6/255, zero point -128 - 0/scale = -128.
  const auto q = asymmetricInt8({0.0f, 6.0f});
  EXPECT_FLOAT_EQ(q.scale, 6.0f / 255.0f);
  EXPECT_EQ(q.zero_point, -128);
}

TEST(QuantParams, SymmetricRangeRoundsTheZeroPointAwayFromZero) {
  // [-1, 1]: scale 2/255; zero point from min = -128 + 1 / (2/255) = -0.5 -> -1.
  const auto q = asymmetricInt8({-1.0f, 1.0f});
  EXPECT_FLOAT_EQ(q.scale, 2.0f / 255.0f);
  EXPECT_EQ(q.zero_point, -1);
}

TEST(QuantParams, RangeIsWidenedToContainZero) {
  // [2, 5] -> [0, 5]: zero point -128. [-3, -1] -> [-3, 0]: zero point -128 + 255 = 127.
  EXPECT_EQ(asymmetricInt8({2.0f, 5.0f}).zero_point, -128);
  EXPECT_FLOAT_EQ(asymmetricInt8({2.0f, 5.0f}).scale, 5.0f / 255.0f);
  EXPECT_EQ(asymmetricInt8({-3.0f, -1.0f}).zero_point, 127);
}

TEST(QuantParams, ZeroIsExactAndTheRangeEndsWithinHalfAStep) {
  for (FloatRange r : {FloatRange{-0.37f, 2.9f}, FloatRange{-10.0f, 0.01f}, FloatRange{-1e-3f, 4e-3f}}) {
    const auto q = asymmetricInt8(r);
    // real(q) = scale * (q - zp): the integer zp is real 0 exactly; the ends map inside
    // [-128, 127] up to the rounding of the zero point.
    EXPECT_LE(std::fabs(r.min / q.scale + q.zero_point - (-128.0f)), 0.5f + 1e-3f);
    EXPECT_LE(std::fabs(r.max / q.scale + q.zero_point - 127.0f), 0.5f + 1e-3f);
  }
}

TEST(QuantParams, EmptyRangeGetsScaleOne) {
  const auto q = asymmetricInt8({0.0f, 0.0f});
  EXPECT_EQ(q.scale, 1.0f);
  EXPECT_EQ(q.zero_point, 0);
}

TEST(QuantParams, SoftmaxOutputIsWhatTflmRequires) {
  EXPECT_EQ(kSoftmaxOutputQuantization.scale, 1.0f / 256.0f);
  EXPECT_EQ(kSoftmaxOutputQuantization.zero_point, -128);
}

}  // namespace
}  // namespace tinyforge
