#pragma once
// PNG encoding of an RGB raster with libpng, into memory so that the file can then be
// written atomically like every other export file.

#include <cstdint>
#include <string>

#include "core/export/scene.h"

namespace tinyforge {

// 8-bit RGB, no interlace. Throws std::runtime_error when libpng fails.
std::string encodePng(const Raster& raster);

}  // namespace tinyforge
