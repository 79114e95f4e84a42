#include "core/export/png_image.h"

#include <png.h>

#include <stdexcept>

namespace tinyforge {
namespace {

void appendData(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

void noFlush(png_structp) {}

}  // namespace

std::string encodePng(const Raster& raster) {
  if (raster.width <= 0 || raster.height <= 0 ||
      raster.rgb.size() != static_cast<size_t>(raster.width) * raster.height * 3)
    throw std::runtime_error("PNG: raster size does not match its pixels");
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) throw std::runtime_error("PNG: libpng could not start");
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    throw std::runtime_error("PNG: libpng could not start");
  }
  std::string out;
  // libpng reports errors by longjmp; nothing with a destructor is created between here
  // and the end of the encoding.
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("PNG: libpng failed to encode the image");
  }
  png_set_write_fn(png, &out, appendData, noFlush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(raster.width), static_cast<png_uint_32>(raster.height), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < raster.height; ++y)
    png_write_row(png, const_cast<png_bytep>(&raster.rgb[static_cast<size_t>(y) * raster.width * 3]));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

}  // namespace tinyforge
