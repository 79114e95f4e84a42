#include "core/data/feature_cache.h"

#include <cstdint>
#include <cstring>
#include <fstream>

#include "core/data/split_hash.h"

namespace tinyforge {
namespace {

constexpr char kMagic[9] = "TFFEAT01";
constexpr std::int64_t kMaxCount = std::int64_t{1} << 40;

void putInt(std::ostream& out, std::int64_t v) { out.write(reinterpret_cast<const char*>(&v), sizeof v); }
void putString(std::ostream& out, const std::string& s) {
  putInt(out, static_cast<std::int64_t>(s.size()));
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}
bool getInt(std::istream& in, std::int64_t& v) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&v), sizeof v)) && v >= 0 && v < kMaxCount;
}
bool getString(std::istream& in, std::string& s) {
  std::int64_t length = 0;
  if (!getInt(in, length) || length > (1 << 20)) return false;
  s.resize(static_cast<std::size_t>(length));
  return static_cast<bool>(in.read(s.data(), length));
}

}  // namespace

std::optional<CachedFeatures> readFeatureCache(const std::filesystem::path& path, const std::string& key) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  char magic[8];
  char stored_key[40];
  if (!in.read(magic, 8) || std::memcmp(magic, kMagic, 8) != 0) return std::nullopt;
  if (!in.read(stored_key, 40) || std::string(stored_key, 40) != sha1Hex(key)) return std::nullopt;
  std::int64_t h, w, c, classes, count, extras;
  if (!getInt(in, h) || !getInt(in, w) || !getInt(in, c) || !getInt(in, classes) || !getInt(in, count) ||
      !getInt(in, extras))
    return std::nullopt;
  std::vector<std::string> names(static_cast<std::size_t>(classes));
  for (auto& name : names)
    if (!getString(in, name)) return std::nullopt;
  CachedFeatures cached{Dataset(std::move(names), FeatureShape{static_cast<int>(h), static_cast<int>(w), static_cast<int>(c)}), {}};
  const std::size_t elements = cached.dataset.shape().elements();
  try {
    for (std::int64_t i = 0; i < count; ++i) {
      std::int64_t label;
      std::string source;
      if (!getInt(in, label) || !getString(in, source)) return std::nullopt;
      Sample sample{std::vector<float>(elements), static_cast<int>(label)};
      if (!in.read(reinterpret_cast<char*>(sample.features.data()), static_cast<std::streamsize>(elements * sizeof(float))))
        return std::nullopt;
      cached.dataset.add(std::move(sample), std::move(source));
    }
  } catch (const DataError&) {
    return std::nullopt;
  }
  cached.extra.resize(static_cast<std::size_t>(extras));
  for (auto& e : cached.extra)
    if (!getString(in, e)) return std::nullopt;
  return cached;
}

void writeFeatureCache(const std::filesystem::path& path, const std::string& key, const Dataset& dataset,
                       const std::vector<std::string>& extra) {
  std::error_code ignored;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ignored);
  const std::filesystem::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw DataError(temporary.string() + ": cannot write feature cache");
    out.write(kMagic, 8);
    out.write(sha1Hex(key).data(), 40);
    const FeatureShape shape = dataset.shape();
    for (std::int64_t v : {std::int64_t{shape.height}, std::int64_t{shape.width}, std::int64_t{shape.channels},
                           std::int64_t{dataset.numClasses()}, static_cast<std::int64_t>(dataset.size()),
                           static_cast<std::int64_t>(extra.size())})
      putInt(out, v);
    for (const auto& name : dataset.classNames()) putString(out, name);
    for (std::size_t i = 0; i < dataset.size(); ++i) {
      const Sample& s = dataset.sample(i);
      putInt(out, s.label);
      putString(out, dataset.source(i));
      out.write(reinterpret_cast<const char*>(s.features.data()), static_cast<std::streamsize>(s.features.size() * sizeof(float)));
    }
    for (const auto& e : extra) putString(out, e);
    if (!out) throw DataError(temporary.string() + ": short write of feature cache");
  }
  std::filesystem::rename(temporary, path);
}

std::string fileKey(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  const auto time = std::filesystem::last_write_time(path, error);
  return path.string() + "|" + std::to_string(size) + "|" + std::to_string(time.time_since_epoch().count());
}

}  // namespace tinyforge
