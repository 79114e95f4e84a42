#include "core/io/safe_names.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>

namespace tinyforge {
namespace {

namespace fs = std::filesystem;

// FNV-1a: a short, stable tag for a cut name (not a security measure).
uint32_t fnv1a(const std::string& text) {
  uint32_t hash = 2166136261u;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 16777619u;
  }
  return hash;
}

fs::path normalised(const std::string& path) {
  std::error_code error;
  fs::path absolute = fs::absolute(fs::path(path), error);
  if (error) absolute = fs::path(path);
  // weakly_canonical follows the symbolic links of the parts that exist, so a link inside
  // the folder that points outside it is seen for what it is.
  fs::path canonical = fs::weakly_canonical(absolute, error);
  fs::path result = (error ? absolute : canonical).lexically_normal();
  if (!result.has_filename() && result != result.root_path()) result = result.parent_path();  // "a/b/" -> "a/b"
  return result;
}

}  // namespace

bool isPlainFileName(const std::string& name) {
  if (name.empty() || name.size() > kMaxPlainNameBytes || name.front() == '.') return false;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '/' || c == '\\') return false;
  }
  return true;
}

std::string safeFileName(const std::string& name, const std::string& fallback) {
  std::string out;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || (c == '.' && !out.empty());
    out += ok ? c : '_';
  }
  if (out.size() > kMaxPlainNameBytes) {
    char tag[16];
    std::snprintf(tag, sizeof tag, "-%08x", static_cast<unsigned>(fnv1a(name)));
    out = out.substr(0, kMaxPlainNameBytes - 9) + tag;
  }
  if (out.empty() || out == "." || out == "..") return fallback;
  return out;
}

bool isInsideFolder(const std::string& path, const std::string& folder) {
  const fs::path inner = normalised(path);
  const fs::path outer = normalised(folder);
  auto a = outer.begin();
  auto b = inner.begin();
  for (; a != outer.end(); ++a, ++b)
    if (b == inner.end() || *a != *b) return false;
  return b != inner.end();  // strictly inside: the folder itself is not "inside"
}

}  // namespace tinyforge
