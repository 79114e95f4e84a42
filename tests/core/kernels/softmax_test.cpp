// Softmax: parameters by hand, uniform rows, sums to ~1, and against float softmax.
#include "core/kernels/softmax.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "core/kernels/kernel_error.h"

using namespace tinyforge::kernels;

namespace {
const TensorQuantization kSoftmaxOut{1.0f / 256, -128};
}

TEST(Softmax, ParametersByHand) {
  // beta 1, input scale 1/16: real multiplier 2^-4 * 2^26 = 2^22 = 0.5 * 2^23 ->
  // (2^30, left shift 23); diff_min = -floor(31 * 2^26 / 2^23) = -248.
  const SoftmaxParams p = prepareSoftmax(1.0f, {1.0f / 16, 0}, kSoftmaxOut);
  EXPECT_EQ(p.input_multiplier, 1 << 30);
  EXPECT_EQ(p.input_left_shift, 23);
  EXPECT_EQ(p.diff_min, -248);
  // TFLM insists on the (1/256, -128) output.
  EXPECT_THROW(prepareSoftmax(1.0f, {0.1f, 0}, {1.0f / 128, -128}), KernelError);
  EXPECT_THROW(prepareSoftmax(1.0f, {0.1f, 0}, {1.0f / 256, 0}), KernelError);
}

TEST(Softmax, UniformRowIsOneOverDepth) {
  // Four equal inputs: each exp is "one", the sum 4.0 in Q12.19 is 2^21, its reciprocal
  // 0.25 -> 64/256 -> 64 - 128 = -64.
  const SoftmaxParams p = prepareSoftmax(1.0f, {0.1f, 0}, kSoftmaxOut);
  std::vector<int8_t> out(4);
  softmaxInt8(p, 4, std::vector<int8_t>{9, 9, 9, 9}, out);
  EXPECT_EQ(out, (std::vector<int8_t>{-64, -64, -64, -64}));
  // One clear winner saturates at 127 (probability 1 would be 128).
  std::vector<int8_t> two(2);
  softmaxInt8(p, 2, std::vector<int8_t>{127, -128}, two);
  EXPECT_EQ(two, (std::vector<int8_t>{127, -128}));
}

TEST(Softmax, RowsSumToAboutOneAndFollowFloatSoftmax) {
  std::mt19937 rng(9);
  std::uniform_int_distribution<int> byte(-128, 127);
  const TensorQuantization in{0.15f, 7};
  const SoftmaxParams p = prepareSoftmax(1.0f, in, kSoftmaxOut);
  const int depth = 12, rows = 50;
  std::vector<int8_t> x(depth * rows), y(depth * rows);
  for (auto& v : x) v = static_cast<int8_t>(byte(rng) / 4);
  softmaxInt8(p, depth, x, y);
  for (int r = 0; r < rows; ++r) {
    double sum = 0, max_real = -1e9;
    for (int c = 0; c < depth; ++c) max_real = std::max(max_real, static_cast<double>(in.scale) * x[r * depth + c]);
    double denom = 0;
    for (int c = 0; c < depth; ++c) denom += std::exp(static_cast<double>(in.scale) * x[r * depth + c] - max_real);
    for (int c = 0; c < depth; ++c) {
      const double prob = (y[r * depth + c] + 128) / 256.0;
      sum += prob;
      const double expected = std::exp(static_cast<double>(in.scale) * x[r * depth + c] - max_real) / denom;
      const double q = std::fmin(127.0, std::round(expected * 256) - 128);
      EXPECT_LE(std::abs(y[r * depth + c] - q), 1) << "row " << r << " col " << c;
    }
    // Each output rounds to 1/256: the row sums to 1 within depth/2 LSB.
    EXPECT_NEAR(sum, 1.0, depth * 0.5 / 256 + 1e-9) << "row " << r;
  }
}
