#include "core/data/file_list.h"

#include <algorithm>

#include "core/data/dataset.h"

namespace tinyforge {
namespace {
std::vector<std::filesystem::path> list(const std::filesystem::path& dir, bool folders,
                                        const std::vector<std::string>& extensions) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) throw DataError(dir.string() + ": not a folder");
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (folders) {
      if (entry.is_directory()) out.push_back(entry.path());
      continue;
    }
    if (!entry.is_regular_file()) continue;
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (std::find(extensions.begin(), extensions.end(), ext) != extensions.end()) out.push_back(entry.path());
  }
  if (error) throw DataError(dir.string() + ": cannot list (" + error.message() + ")");
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

std::vector<std::filesystem::path> listFiles(const std::filesystem::path& dir, const std::vector<std::string>& extensions) {
  return list(dir, false, extensions);
}

std::vector<std::filesystem::path> listFolders(const std::filesystem::path& dir) { return list(dir, true, {}); }

}  // namespace tinyforge
