// The rounding primitives against values worked out by hand from their definitions
// (gemmlowp fixedpoint.h / TFLM common.h, double-rounding build).
#include "core/kernels/fixed_point.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/kernels/fixed_point_exp.h"

using namespace tinyforge::kernels;

namespace {
constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
constexpr int32_t kMax = std::numeric_limits<int32_t>::max();
}  // namespace

TEST(FixedPoint, DoublingHighMulSaturatesOnlyMinTimesMin) {
  // -1.0 * -1.0 = +1.0 is not representable in Q0.31.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(kMin, kMin), kMax);
  // -1.0 * (almost 1.0) = -(2^31 - 1) exactly.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(kMin, kMax), -kMax);
  // 0.5 * 0.5 = 0.25 = 2^29.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(1 << 30, 1 << 30), 1 << 29);
}

TEST(FixedPoint, DoublingHighMulRoundsTiesUpward) {
  // 3 * 0.5 = 1.5 -> 2; -3 * 0.5 = -1.5 -> -1 (VQRDMULH: ties toward +inf).
  EXPECT_EQ(saturatingRoundingDoublingHighMul(3, 1 << 30), 2);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-3, 1 << 30), -1);
  // -5 * 0.5 = -2.5 -> -2; 5 * 0.5 = 2.5 -> 3.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-5, 1 << 30), -2);
  EXPECT_EQ(saturatingRoundingDoublingHighMul(5, 1 << 30), 3);
  // Non-ties round to nearest: -7 * 0.25 = -1.75 -> -2.
  EXPECT_EQ(saturatingRoundingDoublingHighMul(-7, 1 << 29), -2);
}

TEST(FixedPoint, RoundingDivideByPOTRoundsHalfAwayFromZero) {
  EXPECT_EQ(roundingDivideByPOT(5, 1), 3);     // 2.5 -> 3
  EXPECT_EQ(roundingDivideByPOT(-5, 1), -3);   // -2.5 -> -3
  EXPECT_EQ(roundingDivideByPOT(-6, 2), -2);   // -1.5 -> -2
  EXPECT_EQ(roundingDivideByPOT(-5, 2), -1);   // -1.25 -> -1
  EXPECT_EQ(roundingDivideByPOT(-7, 2), -2);   // -1.75 -> -2
  EXPECT_EQ(roundingDivideByPOT(7, 0), 7);
  EXPECT_EQ(roundingDivideByPOT(kMin, 31), -1);
  EXPECT_EQ(roundingDivideByPOT(kMax, 31), 1);  // 0.99999... -> 1
}

TEST(FixedPoint, MultiplyByQuantizedMultiplierRoundsTwice) {
  // 100 * 0.5 = 50 exactly.
  EXPECT_EQ(multiplyByQuantizedMultiplier(100, 1 << 30, 0), 50);
  // 5 * 0.25 = 1.25: the high multiply gives 2.5 -> 3, the shift 1.5 -> 2. A single
  // rounding would give 1; TFLM's default build gives 2.
  EXPECT_EQ(multiplyByQuantizedMultiplier(5, 1 << 30, -1), 2);
  // -5 * 0.25 = -1.25: -2.5 -> -2, then -1.
  EXPECT_EQ(multiplyByQuantizedMultiplier(-5, 1 << 30, -1), -1);
  // Left shifts: 7 * 0.5 * 2^3 = 28.
  EXPECT_EQ(multiplyByQuantizedMultiplier(7, 1 << 30, 3), 28);
  // The Add and Softmax variants agree with the general one on their domains.
  EXPECT_EQ(multiplyByQuantizedMultiplierSmallerThanOneExp(5, 1 << 30, -1), 2);
  EXPECT_EQ(multiplyByQuantizedMultiplierGreaterThanOne(7, 1 << 30, 3), 28);
}

TEST(FixedPoint, SaturatingMultiplyByPOT) {
  EXPECT_EQ(saturatingRoundingMultiplyByPOT(3, 2), 12);
  EXPECT_EQ(saturatingRoundingMultiplyByPOT(1 << 29, 2), kMax);  // 2^31 overflows
  EXPECT_EQ(saturatingRoundingMultiplyByPOT(-(1 << 29), 2), kMin);
  EXPECT_EQ(saturatingRoundingMultiplyByPOT(-5, -1), -3);
  EXPECT_EQ(roundingHalfSum(3, 4), 4);    // 3.5 -> 4
  EXPECT_EQ(roundingHalfSum(-3, -4), -4); // -3.5 -> -4
}

TEST(FixedPointExp, ExpOnNegativeValuesMatchesStdExp) {
  // Q5.26 input, Q0.31 output: exp(0) is "one" (INT32_MAX) and the error stays within a
  // few 1e-9 of std::exp over the range Softmax uses.
  EXPECT_EQ(expOnNegativeValues(0, 5), kMax);
  for (double x = -31.5; x < 0; x += 0.37) {
    const auto raw = static_cast<int32_t>(std::lround(x * (1 << 26)));
    const double got = expOnNegativeValues(raw, 5) / 2147483648.0;
    EXPECT_NEAR(got, std::exp(raw / 67108864.0), 2e-7) << x;
  }
  // exp(-1) = 0.367879441 = 790015083.6 / 2^31. The fixed-point result is 790015308
  // (1e-7 high: the Taylor polynomial on [-1/4, 0) and three rounded products), the same
  // value gemmlowp's exp_on_negative_values gives (checked bit for bit on 5M inputs).
  EXPECT_EQ(expOnNegativeValues(-(1 << 26), 5), 790015308);
}

TEST(FixedPointExp, ReciprocalOfOnePlusX) {
  // 1/(1+0) = 1, 1/(1+0.5) = 2/3, 1/(1+0.25) = 0.8, in Q0.31.
  EXPECT_NEAR(oneOverOnePlusXForXIn01(0) / 2147483648.0, 1.0, 1e-8);
  EXPECT_NEAR(oneOverOnePlusXForXIn01(1 << 30) / 2147483648.0, 2.0 / 3.0, 1e-8);
  EXPECT_NEAR(oneOverOnePlusXForXIn01(1 << 29) / 2147483648.0, 0.8, 1e-8);
  // GetReciprocal of 5.0 in Q12.19 (raw 5 << 19, top bit 21, 10 leading zeros):
  // 5 = 1.25 * 2^2, so the result is 1/1.25 = 0.8 with 12 - 10 = 2 bits over unit,
  // and 1/5 = 0.8 * 2^-2.
  int bits = 0;
  const int32_t recip = getReciprocal(5 << 19, 12, &bits);
  EXPECT_EQ(bits, 2);
  EXPECT_NEAR(recip / 2147483648.0, 0.8, 1e-8);
}
