#include "core/kernels/reshape.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/kernels/kernel_error.h"

using namespace tinyforge::kernels;

TEST(Reshape, CopiesBytesUnchanged) {
  const std::vector<int8_t> in{-128, 0, 127, 5, -1, 9};
  std::vector<int8_t> out(6);
  reshapeInt8(in, out);
  EXPECT_EQ(out, in);
  std::vector<int8_t> small(5);
  EXPECT_THROW(reshapeInt8(in, small), KernelError);
}
