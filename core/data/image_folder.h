#pragma once
// Image classification folders (visual wake words: person / no-person):
//   DIR/<class>/*.{pgm,ppm,png}                  split by file name hash, or
//   DIR/{train,val|validation,test}/<class>/*    splits given by the folders.
// Classes are the class folder names, sorted (e.g. "non_person", "person").
// Images are read as grayscale (ITU-R BT.601 luma for colour), scaled to [0, 1] and resized
// to image_size x image_size with bilinear interpolation (half-pixel centres).

#include <filesystem>

#include "core/data/dataset.h"

namespace tinyforge {

struct ImageFolderOptions {
  int image_size = 96;
  double validation_percent = 10.0;
  double testing_percent = 10.0;
};

Dataset loadImageFolder(const std::filesystem::path& dir, Split split, const ImageFolderOptions& options = {});

}  // namespace tinyforge
