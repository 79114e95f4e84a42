#include "core/export/output_files.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

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

constexpr const char* kStagingPrefix = ".tinyforge-export-";

// ".tinyforge-export-<pid>-<n>" of a process that no longer runs: an export killed (or a
// machine that lost power) before it could remove its staging folder. The files the user
// sees were never touched by it; the folder is only clutter, and the next export says so.
std::vector<std::string> removeAbandonedStaging(const fs::path& root) {
  std::vector<std::string> notes;
  std::error_code error;
  for (fs::directory_iterator it(root, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(kStagingPrefix, 0) != 0) continue;
    const std::string rest = name.substr(std::string(kStagingPrefix).size());
    const long pid = std::strtol(rest.c_str(), nullptr, 10);
    if (pid <= 0 || pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
    notes.push_back("removed " + it->path().string() + ", left by an export (process " + std::to_string(pid) +
                    ") that was stopped before it finished; no exported file was changed by it");
  }
  return notes;
}

}  // namespace

std::vector<std::string> writeFilesTogether(const std::string& dir, const std::vector<OutputFile>& files) {
  const fs::path root(dir);
  std::error_code error;
  fs::create_directories(root, error);
  if (error || !fs::is_directory(root)) fail(root, "cannot create the output folder", error);
  if (::access(root.c_str(), W_OK) != 0)
    fail(root, "the output folder is not writable", std::error_code(errno, std::generic_category()));

  const std::vector<std::string> notes = removeAbandonedStaging(root);
  static std::atomic<int> counter{0};
  StagingFolder staging(root / (kStagingPrefix + std::to_string(::getpid()) + "-" + std::to_string(counter++)));
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
  return notes;
}

}  // namespace tinyforge
