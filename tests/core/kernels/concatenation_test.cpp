#include "core/kernels/concatenation.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/kernels/kernel_error.h"

using namespace tinyforge::kernels;

TEST(Concatenation, AlongHeightAndChannels) {
  const std::vector<int8_t> a{1, 2, 3, 4};  // [1,2,2,1]
  const std::vector<int8_t> b{5, 6};        // [1,1,2,1]
  std::vector<std::vector<int>> dims{{1, 2, 2, 1}, {1, 1, 2, 1}};
  std::vector<std::span<const int8_t>> inputs{a, b};
  const std::vector<int> out_dims{1, 3, 2, 1};
  std::vector<int8_t> out(6);
  concatenation(1, dims, inputs, out_dims, out);
  EXPECT_EQ(out, (std::vector<int8_t>{1, 2, 3, 4, 5, 6}));
  // Along channels (axis -1) the slabs interleave per pixel: [1,2,1,1] + [1,2,1,2].
  const std::vector<int8_t> c{1, 2};
  const std::vector<int8_t> d{10, 11, 20, 21};
  std::vector<std::vector<int>> dims2{{1, 2, 1, 1}, {1, 2, 1, 2}};
  std::vector<std::span<const int8_t>> inputs2{c, d};
  const std::vector<int> out_dims2{1, 2, 1, 3};
  concatenation(-1, dims2, inputs2, out_dims2, out);
  EXPECT_EQ(out, (std::vector<int8_t>{1, 10, 11, 2, 20, 21}));
  // Shapes that do not add up are an error.
  const std::vector<int> wrong{1, 4, 2, 1};
  std::vector<int8_t> out8(8);
  EXPECT_THROW(concatenation(1, dims, inputs, wrong, out8), KernelError);
}

TEST(Concatenation, TflmRefusesDifferentQuantization) {
  const std::vector<TensorQuantization> same{{0.1f, 3}, {0.1f, 3}};
  EXPECT_NO_THROW(checkConcatenationQuantization(same, {0.1f, 3}));
  const std::vector<TensorQuantization> other{{0.1f, 3}, {0.2f, 3}};
  EXPECT_THROW(checkConcatenationQuantization(other, {0.1f, 3}), KernelError);
}
