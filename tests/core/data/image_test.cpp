#include <gtest/gtest.h>
#include <png.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/data/dataset.h"
#include "core/data/image.h"

namespace tinyforge {
namespace {

std::filesystem::path tempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("tf_image_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(ResizeBilinear, HalvingAveragesTwoByTwoBlocks) {
  // With half-pixel centres, output (y, x) samples input (2y + 0.5, 2x + 0.5): the mean of a 2x2 block.
  const std::vector<float> in = {1, 2, 3, 4,  //
                                 5, 6, 7, 8,  //
                                 9, 10, 11, 12,
                                 13, 14, 15, 16};
  const auto out = resizeBilinear(in, 4, 4, 2, 2);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_FLOAT_EQ(out[0], (1 + 2 + 5 + 6) / 4.0f);
  EXPECT_FLOAT_EQ(out[1], (3 + 4 + 7 + 8) / 4.0f);
  EXPECT_FLOAT_EQ(out[2], (9 + 10 + 13 + 14) / 4.0f);
  EXPECT_FLOAT_EQ(out[3], (11 + 12 + 15 + 16) / 4.0f);
}

TEST(ResizeBilinear, UpsamplingInterpolatesAndClampsEdges) {
  // 1x2 -> 1x4: sample points x = -0.25, 0.25, 0.75, 1.25 -> clamped 0, 0.25, 0.75, 1.
  const auto out = resizeBilinear({0.0f, 1.0f}, 1, 2, 1, 4);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_FLOAT_EQ(out[0], 0.0f);
  EXPECT_FLOAT_EQ(out[1], 0.25f);
  EXPECT_FLOAT_EQ(out[2], 0.75f);
  EXPECT_FLOAT_EQ(out[3], 1.0f);
  EXPECT_THROW(resizeBilinear({1.0f}, 2, 2, 1, 1), DataError);
}

TEST(ReadGrayImage, PgmAndPpmWithComments) {
  const auto dir = tempDir("pnm");
  {
    std::ofstream pgm(dir / "a.pgm", std::ios::binary);
    pgm << "P5\n# a comment\n2 1\n255\n";
    pgm.put(static_cast<char>(0)).put(static_cast<char>(255));
    std::ofstream ppm(dir / "b.ppm", std::ios::binary);
    ppm << "P6 1 1 255\n";
    ppm.put(static_cast<char>(255)).put(static_cast<char>(0)).put(static_cast<char>(0));  // pure red
  }
  const auto gray = readGrayImage(dir / "a.pgm");
  EXPECT_EQ(gray.width, 2);
  EXPECT_EQ(gray.height, 1);
  EXPECT_FLOAT_EQ(gray.pixels[0], 0.0f);
  EXPECT_FLOAT_EQ(gray.pixels[1], 1.0f);
  const auto red = readGrayImage(dir / "b.ppm");
  EXPECT_NEAR(red.pixels[0], 0.299f, 1e-6);  // BT.601 luma of red
  std::filesystem::remove_all(dir);
}

TEST(ReadGrayImage, Png) {
  const auto dir = tempDir("png");
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  png.width = 3;
  png.height = 2;
  png.format = PNG_FORMAT_GRAY;
  const unsigned char pixels[6] = {0, 51, 102, 153, 204, 255};
  ASSERT_TRUE(png_image_write_to_file(&png, (dir / "g.png").c_str(), 0, pixels, 0, nullptr));
  const auto image = readGrayImage(dir / "g.png");
  ASSERT_EQ(image.width, 3);
  ASSERT_EQ(image.height, 2);
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(image.pixels[i], i * 0.2f, 1e-6);
  std::filesystem::remove_all(dir);
}

TEST(ReadGrayImage, ErrorsNameTheFile) {
  const auto dir = tempDir("bad");
  std::ofstream(dir / "short.pgm", std::ios::binary) << "P5\n4 4\n255\nab";
  std::ofstream(dir / "x.bmp") << "BM";
  std::ofstream(dir / "broken.png") << "not a png";
  for (const char* name : {"short.pgm", "x.bmp", "broken.png", "missing.pgm"}) {
    try {
      readGrayImage(dir / name);
      ADD_FAILURE() << name << " was accepted";
    } catch (const DataError& error) {
      EXPECT_NE(std::string(error.what()).find(name), std::string::npos) << error.what();
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tinyforge
