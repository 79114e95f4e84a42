#include "core/kernels/pad.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "core/kernels/kernel_error.h"

using namespace tinyforge::kernels;

TEST(Pad, SurroundsAnImageWithTheZeroPoint) {
  // [1,2,2,1] padded by one row and column on each side with the output zero point -7.
  const std::vector<int> dims{1, 2, 2, 1};
  const std::vector<std::pair<int, int>> pads{{0, 0}, {1, 1}, {1, 1}, {0, 0}};
  std::vector<int8_t> out(16);
  padInt8(dims, std::vector<int8_t>{1, 2, 3, 4}, pads, -7, out);
  EXPECT_EQ(out, (std::vector<int8_t>{-7, -7, -7, -7,  //
                                      -7, 1, 2, -7,    //
                                      -7, 3, 4, -7,    //
                                      -7, -7, -7, -7}));
}

TEST(Pad, AsymmetricAndChannelPadding) {
  // [1,1,2,2] -> pad width (0, 1) and channels (1, 0): [1,1,3,3].
  const std::vector<int> dims{1, 1, 2, 2};
  const std::vector<std::pair<int, int>> pads{{0, 0}, {0, 0}, {0, 1}, {1, 0}};
  std::vector<int8_t> out(9);
  padInt8(dims, std::vector<int8_t>{1, 2, 3, 4}, pads, 0, out);
  EXPECT_EQ(out, (std::vector<int8_t>{0, 1, 2, 0, 3, 4, 0, 0, 0}));
  std::vector<int8_t> wrong(8);
  EXPECT_THROW(padInt8(dims, std::vector<int8_t>{1, 2, 3, 4}, pads, 0, wrong), KernelError);
}
