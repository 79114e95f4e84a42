// tfc_copy_rect_s8, the copy patch-based inference cuts patches and writes results with:
// a rectangle between NHWC tensors of different widths, and whole rows as one block.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/ckernels/tfc_copy_rect.h"

namespace {

TEST(CopyRect, CutsARectangleOutOfAWiderTensorAndWritesItBack) {
  // A 5x6 map with 2 channels; the rectangle rows 1..3, columns 2..4.
  const int h = 5, w = 6, c = 2;
  std::vector<int8_t> whole(static_cast<size_t>(h * w * c));
  for (size_t i = 0; i < whole.size(); ++i) whole[i] = static_cast<int8_t>(i);
  std::vector<int8_t> patch(static_cast<size_t>(3 * 3 * c), 0);
  tfc_copy_rect_op cut{whole.data() + (1 * w + 2) * c, patch.data(), 3, 3 * c, w * c, 3 * c};
  tfc_copy_rect_s8(&cut);
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 3 * c; ++x) EXPECT_EQ(patch[static_cast<size_t>(y * 3 * c + x)], whole[static_cast<size_t>((1 + y) * w * c + 2 * c + x)]);

  std::vector<int8_t> target(whole.size(), -1);
  tfc_copy_rect_op back{patch.data(), target.data() + (1 * w + 2) * c, 3, 3 * c, 3 * c, w * c};
  tfc_copy_rect_s8(&back);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int k = 0; k < c; ++k) {
        const size_t i = static_cast<size_t>((y * w + x) * c + k);
        const bool inside = y >= 1 && y < 4 && x >= 2 && x < 5;
        EXPECT_EQ(target[i], inside ? whole[i] : -1) << y << "," << x;  // nothing outside the rectangle
      }
}

TEST(CopyRect, WholeRowsAreOneBlock) {
  std::vector<int8_t> src(24), dst(24, 0);
  for (size_t i = 0; i < src.size(); ++i) src[i] = static_cast<int8_t>(100 - i);
  tfc_copy_rect_op op{src.data(), dst.data(), 4, 6, 6, 6};
  tfc_copy_rect_s8(&op);
  EXPECT_EQ(dst, src);
}

}  // namespace
