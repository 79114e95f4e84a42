#pragma once
// Sorted directory listings, so loaders produce the same sample order on every file system.

#include <filesystem>
#include <string>
#include <vector>

namespace tinyforge {

// Regular files directly in `dir` whose lower-case extension is one of `extensions`
// (e.g. {".wav"}). Throws DataError naming `dir` if it is not a readable folder.
std::vector<std::filesystem::path> listFiles(const std::filesystem::path& dir, const std::vector<std::string>& extensions);
// Sub-folders directly in `dir`, sorted by name.
std::vector<std::filesystem::path> listFolders(const std::filesystem::path& dir);

}  // namespace tinyforge
