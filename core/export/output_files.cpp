#include "core/export/output_files.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <system_error>

#include "core/io/atomic_file.h"

namespace tinyforge {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& path, const std::string& what, const std::error_code& error) {
  throw FileError("cannot write " + path.string() + ": " + what + (error ? ": " + error.message() : ""));
}

// Removes the staging folder whatever happens to the export.
class StagingFolder {
 public:
  explicit StagingFolder(fs::path path) : path_(std::move(path)) {}
  ~StagingFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

void writeFilesTogether(const std::string& dir, const std::vector<OutputFile>& files) {
  const fs::path root(dir);
  std::error_code error;
  fs::create_directories(root, error);
  if (error || !fs::is_directory(root)) fail(root, "cannot create the output folder", error);
  if (::access(root.c_str(), W_OK) != 0)
    fail(root, "the output folder is not writable", std::error_code(errno, std::generic_category()));

  static std::atomic<int> counter{0};
  StagingFolder staging(root / (".tinyforge-export-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)));
  fs::create_directory(staging.path(), error);
  if (error) fail(staging.path(), "cannot create a staging folder in the output folder", error);

  for (const auto& file : files) {
    const fs::path target = staging.path() / file.path;
    fs::create_directories(target.parent_path(), error);
    if (error) fail(root / file.path, "cannot create its folder", error);
    try {
      writeFileAtomically(target.string(), file.contents);
    } catch (const FileError& e) {
      // Name the file the user asked for, not the staging copy.
      std::string message = e.what();
      const std::string staged = target.string();
      if (const size_t at = message.find(staged); at != std::string::npos)
        message.replace(at, staged.size(), (root / file.path).string());
      throw FileError(message);
    }
  }
  // All bytes are on disk: move them into place. A rename within one file system does
  // not run out of space.
  for (const auto& file : files) {
    const fs::path target = root / file.path;
    fs::create_directories(target.parent_path(), error);
    if (error) fail(target, "cannot create its folder", error);
    fs::rename(staging.path() / file.path, target, error);
    if (error) fail(target, "cannot move it into place", error);
  }
}

}  // namespace tinyforge
