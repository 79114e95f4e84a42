#pragma once
// Binary cache of computed features, so a search does not recompute MFCCs for every run.
// File layout (host byte order, little-endian on every target we build for):
//   "TFFEAT01"  8 bytes magic
//   key         40 bytes: SHA-1 hex of the caller's key string (input files + options)
//   height, width, channels, class count, sample count, extra count: int64 each
//   class names, then per sample: label (int64), source (string), features (float32 x elements),
//   then the extra strings (e.g. machine clip records). A string is int64 length + bytes.
// A cache whose key differs, or that is short or malformed, is ignored (features recomputed).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace tinyforge {

struct CachedFeatures {
  Dataset dataset;
  std::vector<std::string> extra;
};

std::optional<CachedFeatures> readFeatureCache(const std::filesystem::path& path, const std::string& key);
// Writes atomically (temporary file, then rename). Throws DataError naming the file.
void writeFeatureCache(const std::filesystem::path& path, const std::string& key, const Dataset& dataset,
                       const std::vector<std::string>& extra = {});

// A key part describing a file's identity cheaply: "path|size|mtime".
std::string fileKey(const std::filesystem::path& path);

}  // namespace tinyforge
