// ADD with input rescaling (left shift 20), by hand, with broadcasting, and against a
// double reference.
#include "core/kernels/add.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "core/kernels/kernel_error.h"

using namespace tinyforge::kernels;

TEST(Add, ParametersAndOneSumByHand) {
  // Scales 0.5 and 0.25, output 0.5: twice_max = 1.0;
  //   in1: 0.5 -> (2^30, 0);  in2: 0.25 -> (2^30, -1);
  //   out: 1.0 / (2^20 * 0.5) = 2^-19 = 0.5 * 2^-18 -> (2^30, -18).
  const AddParams p = prepareAdd({0.5f, 0}, {0.25f, 0}, {0.5f, 0}, FusedActivation::None);
  EXPECT_EQ(p.left_shift, 20);
  EXPECT_EQ(p.input1_multiplier, (QuantizedMultiplier{1 << 30, 0}));
  EXPECT_EQ(p.input2_multiplier, (QuantizedMultiplier{1 << 30, -1}));
  EXPECT_EQ(p.output_multiplier, (QuantizedMultiplier{1 << 30, -18}));
  // a = 3 (1.5), b = 2 (0.5): 3 << 20 -> * 0.5 = 1572864; 2 << 20 -> * 0.25 = 524288;
  // sum 2097152 * 2^-19 = 4 -> real 2.0.
  EXPECT_EQ(addInt8(3, 2, p), 4);
}

TEST(Add, ZeroPointsAndRelu) {
  // Both inputs scale 0.1 zp 5, output scale 0.1 zp -20, ReLU (min -20).
  // (30 - 5) + (10 - 5) = 30 -> -20 + 30 = 10;  (0 - 5) + (-10 - 5) = -20 -> -40 -> clamp -20.
  const AddParams p = prepareAdd({0.1f, 5}, {0.1f, 5}, {0.1f, -20}, FusedActivation::Relu);
  std::vector<int8_t> out(2);
  addElementwise(p, std::vector<int8_t>{30, 0}, std::vector<int8_t>{10, -10}, out);
  EXPECT_EQ(out, (std::vector<int8_t>{10, -20}));
}

TEST(Add, BroadcastsLikeTheExpandedOperand) {
  const AddParams p = prepareAdd({0.02f, 1}, {0.03f, -2}, {0.05f, 0}, FusedActivation::None);
  const std::vector<int8_t> a{10, -20, 30, -40, 50, -60};  // shape [2, 3]
  const std::vector<int8_t> b{7, -8, 9};                   // shape [3]
  const std::vector<int> da{2, 3}, db{3}, dout{2, 3};
  std::vector<int8_t> out(6), expected(6);
  addBroadcast(p, da, a, db, b, dout, out);
  const std::vector<int8_t> b_expanded{7, -8, 9, 7, -8, 9};
  addElementwise(p, a, b_expanded, expected);
  EXPECT_EQ(out, expected);
  // [2,1] + [1,3] -> [2,3]
  const std::vector<int8_t> col{1, 2}, row{10, 20, 30};
  const std::vector<int> dcol{2, 1}, drow{1, 3};
  addBroadcast(p, dcol, col, drow, row, dout, out);
  addElementwise(p, std::vector<int8_t>{1, 1, 1, 2, 2, 2}, std::vector<int8_t>{10, 20, 30, 10, 20, 30}, expected);
  EXPECT_EQ(out, expected);
  const std::vector<int> dbad{2};
  EXPECT_THROW(addBroadcast(p, da, a, dbad, std::vector<int8_t>{1, 2}, dout, out), KernelError);
}

TEST(Add, MatchesDoubleReferenceWithinOneLsb) {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> byte(-128, 127);
  const TensorQuantization q1{0.037f, 12}, q2{0.011f, -40}, qo{0.05f, 3};
  const AddParams p = prepareAdd(q1, q2, qo, FusedActivation::None);
  for (int i = 0; i < 20000; ++i) {
    const auto a = static_cast<int8_t>(byte(rng));
    const auto b = static_cast<int8_t>(byte(rng));
    const double real = static_cast<double>(q1.scale) * (a - q1.zero_point) + static_cast<double>(q2.scale) * (b - q2.zero_point);
    const double q = std::fmin(127.0, std::fmax(-128.0, std::round(real / qo.scale) + qo.zero_point));
    ASSERT_LE(std::abs(addInt8(a, b, p) - q), 1) << int(a) << " + " << int(b);
  }
}
