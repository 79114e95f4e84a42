#include "core/estimate/units.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tinyforge {
namespace {

std::string printf1(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::string join(const NumberWithUnit& figure) { return figure.number + " " + figure.unit; }

const char* byteUnitFor(int64_t bytes) {
  const double magnitude = std::abs(static_cast<double>(bytes));
  if (magnitude < 1024) return "B";
  if (magnitude < 1024.0 * 1024) return "KiB";
  return "MiB";
}

}  // namespace

NumberWithUnit splitBytesIn(int64_t bytes, const std::string& unit) {
  if (unit == "KiB") return {printf1("%.1f", bytes / 1024.0), unit};
  if (unit == "MiB") return {printf1("%.2f", bytes / (1024.0 * 1024)), unit};
  return {std::to_string(bytes), "B"};
}

NumberWithUnit splitBytes(int64_t bytes) { return splitBytesIn(bytes, byteUnitFor(bytes)); }

NumberWithUnit splitMs(double milliseconds) {
  if (milliseconds >= 100) return {printf1("%.0f", milliseconds), "ms"};
  if (milliseconds >= 1) return {printf1("%.1f", milliseconds), "ms"};
  return {printf1("%.3f", milliseconds), "ms"};
}

NumberWithUnit splitFps(double fps) { return {printf1(fps < 1 ? "%.2f" : "%.1f", fps), "FPS"}; }

NumberWithUnit splitMj(double millijoules) { return {printf1("%.3f", millijoules), "mJ"}; }

std::string formatBytes(int64_t bytes) { return join(splitBytes(bytes)); }
std::string formatMs(double milliseconds) { return join(splitMs(milliseconds)); }
std::string formatFps(double fps) { return join(splitFps(fps)); }
std::string formatMj(double millijoules) { return join(splitMj(millijoules)); }

std::string formatBytesPair(int64_t used, int64_t budget, const char* separator) {
  const std::string unit = byteUnitFor(std::max(std::abs(used), std::abs(budget)));
  return join(splitBytesIn(used, unit)) + separator + join(splitBytesIn(budget, unit));
}

std::string formatCount(int64_t count) {
  const double magnitude = std::abs(static_cast<double>(count));
  if (magnitude < 1000) return std::to_string(count);
  if (magnitude < 1e6) return printf1("%.1f k", count / 1e3);
  if (magnitude < 1e9) return printf1("%.2f M", count / 1e6);
  return printf1("%.2f G", count / 1e9);
}

std::string formatPercent(double fraction) { return printf1("%.1f%%", fraction * 100); }

}  // namespace tinyforge
