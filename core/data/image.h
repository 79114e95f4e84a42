#pragma once
// Grayscale images for the visual-wake-words loader: binary PGM (P5) / PPM (P6) with 8 or
// 16 bits per sample, and PNG through libpng. Pixels are floats in [0, 1], row-major.

#include <filesystem>
#include <vector>

namespace tinyforge {

struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<float> pixels;  // height x width
  float at(int y, int x) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

// Colour is turned into luma 0.299 R + 0.587 G + 0.114 B. Throws DataError naming the file.
GrayImage readGrayImage(const std::filesystem::path& path);

// Bilinear resampling with half-pixel centres (tf.image.resize "bilinear" without
// antialiasing): output pixel (y, x) samples the input at ((y + 0.5) * in/out - 0.5, ...),
// clamped to the edges. A 2x downsample therefore averages 2x2 blocks.
std::vector<float> resizeBilinear(const std::vector<float>& pixels, int height, int width, int out_height,
                                  int out_width);

}  // namespace tinyforge
