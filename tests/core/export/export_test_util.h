#pragma once
// Shared by the export tests: the bundled boards, the shared models, temporary folders.

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/boards/board_library.h"
#include "core/estimate/estimate.h"

namespace tinyforge::testing {

inline const std::string kSharedModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";
inline const std::string kResourceModels = std::string(TINYFORGE_RESOURCES_DIR) + "/models/";

inline std::shared_ptr<const BoardLibrary> bundledBoards() {
  static const auto boards = std::make_shared<const BoardLibrary>(BoardLibrary::loadBundled());
  return boards;
}

// A fresh, empty folder under the system's temporary folder, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("tinyforge_export_" + name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string path() const { return path_.string(); }
  std::string operator/(const std::string& child) const { return (path_ / child).string(); }
  // Every regular file below the folder, hidden ones included.
  int fileCount() const {
    int n = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(path_))
      if (e.is_regular_file()) ++n;
    return n;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace tinyforge::testing
