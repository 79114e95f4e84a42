#include "core/data/image.h"

#include <png.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>

#include "core/data/dataset.h"

namespace tinyforge {
namespace {

float luma(float r, float g, float b) { return 0.299f * r + 0.587f * g + 0.114f * b; }

// Next header token of a PNM file, skipping whitespace and '#' comments.
std::string pnmToken(std::istream& in) {
  std::string token;
  char c;
  while (in.get(c)) {
    if (c == '#') {
      std::string ignored;
      std::getline(in, ignored);
      if (!token.empty()) break;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!token.empty()) break;
      continue;
    }
    token += c;
  }
  return token;
}

GrayImage readPnm(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path.string() + ": cannot open image");
  const std::string magic = pnmToken(in);
  if (magic != "P5" && magic != "P6") throw DataError(path.string() + ": not a binary PGM (P5) or PPM (P6) file");
  int width = 0, height = 0, max_value = 0;
  try {
    width = std::stoi(pnmToken(in));
    height = std::stoi(pnmToken(in));
    max_value = std::stoi(pnmToken(in));  // the single whitespace after it was consumed by pnmToken
  } catch (const std::exception&) {
    throw DataError(path.string() + ": bad PNM header");
  }
  if (width <= 0 || height <= 0 || width > 65536 || height > 65536 || max_value <= 0 || max_value > 65535)
    throw DataError(path.string() + ": bad PNM size or maximum value");
  const int channels = magic == "P6" ? 3 : 1;
  const int bytes_per_value = max_value > 255 ? 2 : 1;
  const std::size_t count = static_cast<std::size_t>(width) * height * channels;
  // The header's size is checked against the bytes the file holds before anything is
  // allocated: a 20-byte header may claim 65536 x 65536 pixels (24 GiB).
  const auto here = in.tellg();
  in.seekg(0, std::ios::end);
  const auto end = in.tellg();
  in.seekg(here);
  if (here < 0 || end < here || static_cast<std::size_t>(end - here) < count * bytes_per_value)
    throw DataError(path.string() + ": PNM pixel data ends early (" + std::to_string(width) + " x " +
                    std::to_string(height) + " pixels need " + std::to_string(count * bytes_per_value) + " bytes)");
  std::vector<unsigned char> raw(count * bytes_per_value);
  if (!in.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size())))
    throw DataError(path.string() + ": PNM pixel data ends early");
  GrayImage image{width, height, std::vector<float>(static_cast<std::size_t>(width) * height)};
  auto value = [&](std::size_t i) {
    const unsigned v = bytes_per_value == 2 ? (raw[2 * i] << 8) | raw[2 * i + 1] : raw[i];
    return static_cast<float>(v) / static_cast<float>(max_value);
  };
  for (std::size_t p = 0; p < image.pixels.size(); ++p)
    image.pixels[p] = channels == 1 ? value(p) : luma(value(3 * p), value(3 * p + 1), value(3 * p + 2));
  return image;
}

GrayImage readPng(const std::filesystem::path& path) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&png, path.c_str()))
    throw DataError(path.string() + ": cannot read PNG (" + png.message + ")");
  // A compressed PNG of a few hundred bytes can claim a gigapixel; no training image is
  // anywhere near 2^26 pixels (8192 x 8192).
  if (static_cast<uint64_t>(png.width) * png.height > (uint64_t{1} << 26)) {
    const std::string size = std::to_string(png.width) + " x " + std::to_string(png.height);
    png_image_free(&png);
    throw DataError(path.string() + ": PNG of " + size + " pixels is larger than the 2^26 pixels TinyForge reads");
  }
  // libpng's simplified API converts any PNG (palette, alpha, 16 bit) to 8-bit gray.
  png.format = PNG_FORMAT_GRAY;
  std::vector<unsigned char> buffer(PNG_IMAGE_SIZE(png));
  if (!png_image_finish_read(&png, nullptr, buffer.data(), 0, nullptr)) {
    const std::string message = png.message;
    png_image_free(&png);
    throw DataError(path.string() + ": cannot decode PNG (" + message + ")");
  }
  GrayImage image{static_cast<int>(png.width), static_cast<int>(png.height), {}};
  image.pixels.resize(buffer.size());
  for (std::size_t i = 0; i < buffer.size(); ++i) image.pixels[i] = buffer[i] / 255.0f;
  return image;
}

}  // namespace

GrayImage readGrayImage(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".png") return readPng(path);
  if (ext == ".pgm" || ext == ".ppm" || ext == ".pnm") return readPnm(path);
  throw DataError(path.string() + ": unsupported image format (PGM, PPM or PNG)");
}

std::vector<float> resizeBilinear(const std::vector<float>& pixels, int height, int width, int out_height,
                                  int out_width) {
  if (height <= 0 || width <= 0 || out_height <= 0 || out_width <= 0 ||
      pixels.size() != static_cast<std::size_t>(height) * width)
    throw DataError("resizeBilinear: bad sizes");
  std::vector<float> out(static_cast<std::size_t>(out_height) * out_width);
  const double scale_y = static_cast<double>(height) / out_height;
  const double scale_x = static_cast<double>(width) / out_width;
  for (int y = 0; y < out_height; ++y) {
    const double sy = std::clamp((y + 0.5) * scale_y - 0.5, 0.0, static_cast<double>(height - 1));
    const int y0 = static_cast<int>(std::floor(sy));
    const int y1 = std::min(y0 + 1, height - 1);
    const double fy = sy - y0;
    for (int x = 0; x < out_width; ++x) {
      const double sx = std::clamp((x + 0.5) * scale_x - 0.5, 0.0, static_cast<double>(width - 1));
      const int x0 = static_cast<int>(std::floor(sx));
      const int x1 = std::min(x0 + 1, width - 1);
      const double fx = sx - x0;
      auto p = [&](int yy, int xx) { return static_cast<double>(pixels[static_cast<std::size_t>(yy) * width + xx]); };
      const double top = p(y0, x0) * (1 - fx) + p(y0, x1) * fx;
      const double bottom = p(y1, x0) * (1 - fx) + p(y1, x1) * fx;
      out[static_cast<std::size_t>(y) * out_width + x] = static_cast<float>(top * (1 - fy) + bottom * fy);
    }
  }
  return out;
}

}  // namespace tinyforge
