#include "core/data/feature_cache.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "core/data/split_hash.h"

namespace tinyforge {
namespace {

constexpr char kMagic[9] = "TFFEAT01";
constexpr std::int64_t kMaxCount = std::int64_t{1} << 40;

bool getInt(std::istream& in, std::int64_t& v) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&v), sizeof v)) && v >= 0 && v < kMaxCount;
}
bool getString(std::istream& in, std::string& s) {
  std::int64_t length = 0;
  if (!getInt(in, length) || length > (1 << 20)) return false;
  s.resize(static_cast<std::size_t>(length));
  return static_cast<bool>(in.read(s.data(), length));
}

// "<cache>.tmp-<pid>-XXXXXX": the writer's process id in the name lets a later write tell a
// temporary file of a killed writer (removed) from one another process is writing now (kept).
std::string temporaryPrefix(const std::filesystem::path& path) { return path.filename().string() + ".tmp-"; }

void removeTemporariesOfDeadWriters(const std::filesystem::path& path) {
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const std::string prefix = temporaryPrefix(path);
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    char* end = nullptr;
    const long pid = std::strtol(name.c_str() + prefix.size(), &end, 10);
    if (pid <= 0 || end == nullptr || *end != '-') continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still writing
    std::filesystem::remove(entry.path(), error);
  }
}

}  // namespace

std::optional<CachedFeatures> readFeatureCache(const std::filesystem::path& path, const std::string& key) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::error_code error;
  const auto file_bytes = static_cast<std::int64_t>(std::filesystem::file_size(path, error));
  if (error) return std::nullopt;
  char magic[8];
  char stored_key[40];
  if (!in.read(magic, 8) || std::memcmp(magic, kMagic, 8) != 0) return std::nullopt;
  if (!in.read(stored_key, 40) || std::string(stored_key, 40) != sha1Hex(key)) return std::nullopt;
  std::int64_t h, w, c, classes, count, extras;
  if (!getInt(in, h) || !getInt(in, w) || !getInt(in, c) || !getInt(in, classes) || !getInt(in, count) ||
      !getInt(in, extras))
    return std::nullopt;
  // Every count is checked against what the file can hold before anything is allocated: a
  // damaged header must not make the reader allocate gigabytes (each class name and extra
  // string takes at least its 8-byte length, each sample its label, source length and
  // features).
  constexpr std::int64_t kMaxDim = 1 << 20;
  if (h < 1 || w < 1 || c < 1 || h > kMaxDim || w > kMaxDim || c > kMaxDim) return std::nullopt;
  const std::int64_t elements = h * w * c;  // < 2^60
  const std::int64_t left = file_bytes - 8 - 40 - 6 * 8;
  if (elements > left / 4 + 1 || classes > left / 8 || extras > left / 8) return std::nullopt;
  if (count > 0 && count > left / (16 + elements * 4)) return std::nullopt;
  std::vector<std::string> names(static_cast<std::size_t>(classes));
  for (auto& name : names)
    if (!getString(in, name)) return std::nullopt;
  std::optional<CachedFeatures> cached;
  try {
    cached.emplace(CachedFeatures{
        Dataset(std::move(names), FeatureShape{static_cast<int>(h), static_cast<int>(w), static_cast<int>(c)}), {}});
    for (std::int64_t i = 0; i < count; ++i) {
      std::int64_t label;
      std::string source;
      if (!getInt(in, label) || !getString(in, source)) return std::nullopt;
      Sample sample{std::vector<float>(static_cast<std::size_t>(elements)), static_cast<int>(label)};
      if (!in.read(reinterpret_cast<char*>(sample.features.data()), static_cast<std::streamsize>(elements * 4)))
        return std::nullopt;
      cached->dataset.add(std::move(sample), std::move(source));
    }
  } catch (const DataError&) {
    return std::nullopt;
  }
  cached->extra.resize(static_cast<std::size_t>(extras));
  for (auto& e : cached->extra)
    if (!getString(in, e)) return std::nullopt;
  return cached;
}

void writeFeatureCache(const std::filesystem::path& path, const std::string& key, const Dataset& dataset,
                       const std::vector<std::string>& extra) {
  std::error_code ignored;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ignored);
  // A temporary file of this process only, flushed to disk, then renamed: a full disk or a
  // kill leaves the previous cache (or none) under the final name, never a half-written one,
  // and a failure removes the temporary file.
  removeTemporariesOfDeadWriters(path);
  std::string temporary = (path.parent_path() / temporaryPrefix(path)).string() + std::to_string(::getpid()) + "-XXXXXX";
  const int fd = mkstemp(temporary.data());
  if (fd < 0) throw DataError(path.string() + ": cannot write the feature cache: " + std::strerror(errno));
  FILE* out = fdopen(fd, "wb");
  if (!out) {
    const int error = errno;
    ::close(fd);
    ::unlink(temporary.c_str());
    throw DataError(path.string() + ": cannot write the feature cache: " + std::strerror(error));
  }
  bool ok = true;
  auto put = [&](const void* data, std::size_t bytes) { ok = ok && std::fwrite(data, 1, bytes, out) == bytes; };
  auto putInt = [&](std::int64_t v) { put(&v, sizeof v); };
  auto putString = [&](const std::string& text) {
    putInt(static_cast<std::int64_t>(text.size()));
    put(text.data(), text.size());
  };
  put(kMagic, 8);
  put(sha1Hex(key).data(), 40);
  const FeatureShape shape = dataset.shape();
  for (std::int64_t v : {std::int64_t{shape.height}, std::int64_t{shape.width}, std::int64_t{shape.channels},
                         std::int64_t{dataset.numClasses()}, static_cast<std::int64_t>(dataset.size()),
                         static_cast<std::int64_t>(extra.size())})
    putInt(v);
  for (const auto& name : dataset.classNames()) putString(name);
  for (std::size_t i = 0; i < dataset.size() && ok; ++i) {
    const Sample& s = dataset.sample(i);
    putInt(s.label);
    putString(dataset.source(i));
    put(s.features.data(), s.features.size() * sizeof(float));
  }
  for (const auto& e : extra) putString(e);
  ok = ok && std::fflush(out) == 0 && ::fsync(fileno(out)) == 0;
  const int error = errno;
  ok = (std::fclose(out) == 0) && ok;
  if (!ok) {
    ::unlink(temporary.c_str());
    throw DataError(path.string() + ": cannot write the feature cache: " + std::strerror(error ? error : EIO));
  }
  const mode_t mask = ::umask(0);  // mkstemp creates 0600; a cache gets the usual permissions
  ::umask(mask);
  ::chmod(temporary.c_str(), 0666 & ~mask);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int rename_error = errno;
    ::unlink(temporary.c_str());
    throw DataError(path.string() + ": cannot write the feature cache: " + std::strerror(rename_error));
  }
}

std::string fileKey(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  const auto time = std::filesystem::last_write_time(path, error);
  return path.string() + "|" + std::to_string(size) + "|" + std::to_string(time.time_since_epoch().count());
}

}  // namespace tinyforge
