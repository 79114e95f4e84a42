#include "core/estimate/units.h"

#include <cmath>
#include <cstdio>

namespace tinyforge {
namespace {
std::string printf1(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}
}  // namespace

std::string formatBytes(int64_t bytes) {
  const double magnitude = std::abs(static_cast<double>(bytes));
  if (magnitude < 1024) return std::to_string(bytes) + " B";
  if (magnitude < 1024.0 * 1024) return printf1("%.1f KiB", bytes / 1024.0);
  return printf1("%.2f MiB", bytes / (1024.0 * 1024));
}

std::string formatCount(int64_t count) {
  const double magnitude = std::abs(static_cast<double>(count));
  if (magnitude < 1000) return std::to_string(count);
  if (magnitude < 1e6) return printf1("%.1f k", count / 1e3);
  if (magnitude < 1e9) return printf1("%.2f M", count / 1e6);
  return printf1("%.2f G", count / 1e9);
}

std::string formatMs(double milliseconds) {
  if (milliseconds >= 100) return printf1("%.0f ms", milliseconds);
  if (milliseconds >= 1) return printf1("%.1f ms", milliseconds);
  return printf1("%.3f ms", milliseconds);
}

std::string formatPercent(double fraction) { return printf1("%.1f%%", fraction * 100); }

}  // namespace tinyforge
