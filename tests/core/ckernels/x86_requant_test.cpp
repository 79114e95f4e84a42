// The x86 paths' 8-lane requantization (core/ckernels/tfc_x86_simd.h, AVX2) against
// gemmlowp's two roundings (the independent reference), on the values where the folded
// form or its even / odd lane split could go wrong: ties of either sign, accumulators
// around 0 and -1, the int32 extremes, the smallest and largest multipliers, every right
// shift from 1 to 31, and lanes that leave the fast form.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/ckernels/tfc_x86.h"
#include "random_cases.h"
#include "reference_kernels.h"

#if TFC_HAVE_X86_PATH
#include "core/ckernels/tfc_x86_simd.h"

namespace tinyforge {
namespace {

constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
constexpr int32_t kMax = std::numeric_limits<int32_t>::max();

// 8 lanes through tfc_x86_requant8; returns whether the lanes were in the fast form.
TFC_AVX2 bool requantize8(const tfc_requant* requant, const int32_t* acc, int32_t offset, int32_t lo, int32_t hi,
                          int32_t* out) {
  __m256i multiplier, shift;
  tfc_x86_requant8 q;
  tfc_x86_load_requant8(requant, &multiplier, &shift);
  if (!tfc_x86_requant8_make(multiplier, shift, &q)) return false;
  const __m256i result = tfc_x86_requant8_apply(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(acc)), &q,
                                                _mm256_set1_epi32(offset), _mm256_set1_epi32(lo), _mm256_set1_epi32(hi));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), result);
  return true;
}

TEST(CX86, VectorRequantizationEqualsTheTwoRoundings) {
  if (!tfc_x86_has_avx2()) GTEST_SKIP() << "no AVX2 on this CPU";
  testing::Random random(63);
  std::vector<int32_t> accs = {0, 1, -1, 2, -2, 3, -3, kMin, kMax, kMin + 1, kMax - 1, 1 << 20, -(1 << 20)};
  for (int i = 0; i < 1200; ++i) accs.push_back(static_cast<int32_t>(random.engine()()) >> random.uniform(0, 31));
  std::vector<int32_t> multipliers = {0, 1, 1 << 30, (1 << 30) + 1, kMax, kMax - 1, 1518500250};
  for (int i = 0; i < 9; ++i) multipliers.push_back((1 << 30) + static_cast<int32_t>(random.engine()() >> 2));
  int64_t checked = 0;
  for (size_t start = 0; start + 8 <= accs.size(); start += 8) {
    for (int e = 1; e <= 31; ++e) {
      for (size_t m = 0; m < multipliers.size(); ++m) {
        // Lanes with different multipliers and shifts: every lane's own constants.
        tfc_requant requant[8];
        for (int lane = 0; lane < 8; ++lane) {
          requant[lane] = {multipliers[(m + lane) % multipliers.size()], -(1 + (e - 1 + 5 * lane) % 31)};
        }
        int32_t out[8];
        ASSERT_TRUE(requantize8(requant, &accs[start], 0, kMin, kMax, out));
        for (int lane = 0; lane < 8; ++lane) {
          const int32_t acc = accs[start + static_cast<size_t>(lane)];
          ASSERT_EQ(out[lane], reference::multiplyByQuantizedMultiplier(acc, requant[lane].multiplier,
                                                                         requant[lane].shift))
              << "acc " << acc << " m " << requant[lane].multiplier << " shift " << requant[lane].shift;
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 400000);
  // With an output offset and a narrow activation range: the clamp of each lane.
  const tfc_requant half[8] = {{1 << 30, -1}, {1 << 30, -1}, {1 << 30, -1}, {1 << 30, -1},
                               {1 << 30, -1}, {1 << 30, -1}, {1 << 30, -1}, {1 << 30, -1}};
  const int32_t acc[8] = {-1000, -7, -6, -5, 5, 6, 7, 1000};
  int32_t out[8];
  ASSERT_TRUE(requantize8(half, acc, 3, -2, 8, out));
  // acc x 0.5 rounded (ties toward +inf), then / 2 rounded (ties away from zero), + 3,
  // clamped to [-2, 8]: -7 -> -3 -> -2, -6 -> -3 -> -2, -5 -> -2 -> -1, 5 -> 3 -> 2 (one
  // rounding of 1.25 would give 1), 6 -> 3 -> 2, 7 -> 4 -> 2.
  EXPECT_EQ(std::vector<int32_t>(out, out + 8), (std::vector<int32_t>{-2, 1, 1, 2, 5, 5, 5, 8}));
}

// Shift 0, left shifts and negative multipliers are not in the fast form: the whole block
// of 8 is refused (the kernels then requantize it lane by lane).
TEST(CX86, VectorRequantizationRefusesLanesOutsideTheFastForm) {
  if (!tfc_x86_has_avx2()) GTEST_SKIP() << "no AVX2 on this CPU";
  const int32_t acc[8] = {};
  int32_t out[8];
  for (const tfc_requant odd : {tfc_requant{1 << 30, 0}, tfc_requant{1 << 30, 3}, tfc_requant{-(1 << 30), -4},
                                tfc_requant{1 << 30, -32}}) {
    for (int lane = 0; lane < 8; ++lane) {
      tfc_requant requant[8];
      std::fill(requant, requant + 8, tfc_requant{1 << 30, -5});
      requant[lane] = odd;
      EXPECT_FALSE(requantize8(requant, acc, 0, -128, 127, out)) << "lane " << lane << " shift " << odd.shift;
    }
  }
}

}  // namespace
}  // namespace tinyforge

#endif  // TFC_HAVE_X86_PATH
