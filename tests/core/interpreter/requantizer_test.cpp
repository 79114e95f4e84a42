// The vectorised requantization equals core/kernels' scalar multiplyByQuantizedMultiplier
// + offset + clamp on every lane: random accumulators and multipliers, the int32 extremes,
// exact rounding ties and every shift from -31 to +8.
#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <vector>

#include "core/interpreter/requantizer.h"
#include "core/kernels/fixed_point.h"

using namespace tinyforge;
using kernels::QuantizedMultiplier;

namespace {

int8_t scalar(int32_t acc, QuantizedMultiplier m, int32_t offset, int32_t lo, int32_t hi) {
  const int32_t v = kernels::multiplyByQuantizedMultiplier(acc, m.multiplier, m.shift) + offset;
  return static_cast<int8_t>(kernels::clampToRange(v, lo, hi));
}

void expectSame(const std::vector<QuantizedMultiplier>& ms, const std::vector<int32_t>& acc, int32_t offset,
                int32_t lo, int32_t hi) {
  const Requantizer fast(ms, offset, lo, hi);
  std::vector<int8_t> got(ms.size());
  fast.run(acc.data(), got.data());
  for (size_t c = 0; c < ms.size(); ++c)
    ASSERT_EQ(got[c], scalar(acc[c], ms[c], offset, lo, hi))
        << "acc " << acc[c] << " m " << ms[c].multiplier << " shift " << ms[c].shift << " simd " << fast.simd();
}

}  // namespace

TEST(Requantizer, EqualsTheScalarKernelArithmetic) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int32_t> any(std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
  std::uniform_int_distribution<int32_t> small(-300000, 300000);
  std::uniform_int_distribution<int32_t> mantissa(1 << 30, std::numeric_limits<int32_t>::max());
  std::uniform_int_distribution<int> shift(-31, 8);
  const int32_t extremes[] = {0, 1, -1, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(),
                              1 << 30, -(1 << 30), 12345, -12345};
  for (int trial = 0; trial < 4000; ++trial) {
    const int channels = 1 + trial % 37;  // SIMD blocks and scalar tails
    std::vector<QuantizedMultiplier> ms;
    std::vector<int32_t> acc;
    for (int c = 0; c < channels; ++c) {
      QuantizedMultiplier m{mantissa(rng), shift(rng)};
      if (trial % 11 == 0) m = {1 << 30, -1 - c % 31};  // multiplier 0.5: exact ties
      if (trial % 13 == 0) m = {0, 0};
      ms.push_back(m);
      int32_t a = trial % 3 == 0 ? any(rng) : small(rng);
      if (trial % 5 == 0) a = extremes[c % std::size(extremes)];
      acc.push_back(a);
    }
    const int32_t offset = std::uniform_int_distribution<int32_t>(-128, 127)(rng);
    if (trial % 2)
      expectSame(ms, acc, offset, -128, 127);
    else
      expectSame(ms, acc, offset, offset, std::min(127, offset + 40));  // a ReLU-like range
  }
}
