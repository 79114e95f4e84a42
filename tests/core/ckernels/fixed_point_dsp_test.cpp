// The C library's fixed-point primitives against the independent reference (gemmlowp's
// formulas), and the portable emulation of the DSP instructions against values worked
// out by hand from the Armv7-M Architecture Reference Manual's definitions.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/ckernels/tfc_dsp.h"
#include "core/ckernels/tfc_fixed_point.h"
#include "random_cases.h"
#include "reference_kernels.h"

namespace tinyforge {
namespace {

constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
constexpr int32_t kMax = std::numeric_limits<int32_t>::max();

TEST(CFixedPoint, HighMulAndRoundingShiftEqualGemmlowpsFormulas) {
  testing::Random random(61);
  std::vector<int32_t> values = {0, 1, -1, 2, -2, kMin, kMax, kMin + 1, kMax - 1, 1 << 30, -(1 << 30), 3 << 29};
  for (int i = 0; i < 3000; ++i) values.push_back(static_cast<int32_t>(random.engine()()));
  for (int32_t a : values) {
    for (int32_t b : {kMin, kMax, 1 << 30, 1518500250, -1518500250, 12345, 1, 0}) {
      ASSERT_EQ(tfc_srdhm(a, b), reference::saturatingRoundingDoublingHighMul(a, b)) << a << " * " << b;
    }
    for (int e = 0; e <= 31; ++e) {
      ASSERT_EQ(tfc_rounding_divide_by_pot(a, e), reference::roundingDivideByPOT(a, e)) << a << " >> " << e;
    }
    for (int shift = -31; shift <= 8; shift += 3) {
      ASSERT_EQ(tfc_multiply_by_quantized_multiplier(a >> 8, 1395864371, shift),
                reference::multiplyByQuantizedMultiplier(a >> 8, 1395864371, shift));
    }
  }
  EXPECT_EQ(tfc_srdhm(kMin, kMin), kMax);  // the one product that saturates
}

// The one-SMLAL requantization (tfc_channel_requant's fast form, used by every DSP
// conv / depthwise output) against gemmlowp's two roundings, on the values where the
// folding of both roundings into one could go wrong: ties of either sign, accumulators
// around 0 and -1 (where [x < 0] and [acc < 0] differ), the int32 extremes, the smallest
// and largest multipliers and every right shift.
TEST(CFixedPoint, FoldedRequantizationEqualsTheTwoRoundings) {
  testing::Random random(62);
  std::vector<int32_t> accs = {0, 1, -1, 2, -2, 3, -3, kMin, kMax, kMin + 1, kMax - 1, 1 << 20, -(1 << 20)};
  for (int i = 0; i < 2000; ++i) accs.push_back(static_cast<int32_t>(random.engine()()) >> random.uniform(0, 31));
  std::vector<int32_t> multipliers = {0, 1, 1 << 30, (1 << 30) + 1, kMax, kMax - 1, 1518500250};
  for (int i = 0; i < 20; ++i) multipliers.push_back((1 << 30) + static_cast<int32_t>(random.engine()() >> 2));
  int fast_cases = 0;
  for (int e = 1; e <= 31; ++e) {
    for (int32_t m : multipliers) {
      const tfc_channel_requant c = tfc_channel_requant_make({m, -e}, 0, kMin, kMax);
      ASSERT_TRUE(c.fast);
      for (int32_t acc : accs) {
        // Ties: with m = 2^30 and acc a multiple of 2^(e-1) the exact result is k + 1/2.
        const int32_t expected = reference::multiplyByQuantizedMultiplier(acc, m, -e);
        const int32_t folded = tfc_fast_requant_scale(acc, m, c.round_nonnegative, c.round_negative, c.high_word_shift);
        ASSERT_EQ(folded, expected) << "acc " << acc << " m " << m << " e " << e;
        ++fast_cases;
      }
    }
  }
  EXPECT_GT(fast_cases, 50000);
  // Shift 0, left shifts and negative multipliers take the general form.
  EXPECT_FALSE(tfc_channel_requant_make({1 << 30, 0}, 0, -128, 127).fast);
  EXPECT_FALSE(tfc_channel_requant_make({1 << 30, 3}, 0, -128, 127).fast);
  EXPECT_FALSE(tfc_channel_requant_make({-(1 << 30), -4}, 0, -128, 127).fast);
  for (int32_t acc : accs) {
    for (const tfc_requant rq : {tfc_requant{1 << 30, 0}, tfc_requant{1395864371, 3}, tfc_requant{-1395864371, -5}}) {
      const tfc_channel_requant c = tfc_channel_requant_make(rq, 5, -100, 120);
      const int64_t expected = std::clamp<int64_t>(
          int64_t{reference::multiplyByQuantizedMultiplier(acc, rq.multiplier, rq.shift)} + 5, -100, 120);
      ASSERT_EQ(tfc_channel_requantize(acc, &c), expected) << acc;
    }
  }
}

// Bytes b3 b2 b1 b0 = 0x80 0xFF 0x7F 0x01 = -128, -1, 127, 1.
TEST(CDsp, Sxtb16UnpacksEvenAndOddBytes) {
  const auto word = static_cast<int32_t>(0x80FF7F01u);
  EXPECT_EQ(static_cast<uint32_t>(tfc_sxtb16(word)), 0xFFFF0001u);        // {1, -1}
  EXPECT_EQ(static_cast<uint32_t>(tfc_sxtb16_ror8(word)), 0xFF80007Fu);   // {127, -128}
  const int32_t offsets = tfc_pkhbt(128, 128);                             // {128, 128}
  EXPECT_EQ(static_cast<uint32_t>(tfc_sxtab16(offsets, word)), 0x007F0081u);       // {129, 127}
  EXPECT_EQ(static_cast<uint32_t>(tfc_sxtab16_ror8(offsets, word)), 0x000000FFu);  // {255, 0}
}

TEST(CDsp, MultiplyAccumulatesUseSignedHalfwords) {
  const int32_t a = tfc_pkhbt(-3, 7);     // {-3, 7}
  const int32_t b = tfc_pkhbt(255, -256);  // {255, -256}
  EXPECT_EQ(tfc_smlad(a, b, 10), 10 + (-3 * 255) + (7 * -256));
  EXPECT_EQ(tfc_smlabb(a, b, 0), -3 * 255);
  EXPECT_EQ(tfc_smlatt(a, b, 0), 7 * -256);
  EXPECT_EQ(tfc_smlabt(a, b, 0), -3 * -256);
  EXPECT_EQ(tfc_smlatb(a, b, 0), 7 * 255);
  // SMLAD's accumulation wraps modulo 2^32 (it only sets the Q flag).
  // (-2^15)^2 twice is 2^31; INT32_MAX + 2^31 wraps to -1.
  EXPECT_EQ(tfc_smlad(tfc_pkhbt(-32768, -32768), tfc_pkhbt(-32768, -32768), kMax), -1);
}

TEST(CDsp, SaturatingOps) {
  EXPECT_EQ(tfc_qadd(kMax, 1), kMax);
  EXPECT_EQ(tfc_qadd(kMin, -1), kMin);
  EXPECT_EQ(tfc_qadd(5, -7), -2);
  EXPECT_EQ(TFC_SSAT(300, 8), 127);
  EXPECT_EQ(TFC_SSAT(-300, 8), -128);
  EXPECT_EQ(TFC_SSAT(-5, 8), -5);
  EXPECT_EQ(static_cast<uint32_t>(tfc_sadd16(tfc_pkhbt(32767, -1), tfc_pkhbt(1, 1))), 0x00008000u);  // lanes wrap
}

}  // namespace
}  // namespace tinyforge
