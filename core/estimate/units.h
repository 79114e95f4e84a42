#pragma once
// Human-readable figures with their units, shared by the CLI, the studio and reports, so
// that a figure reads the same wherever it is shown.
// KiB = 1024 bytes (what linkers and TFLM report); MB/KB are never used unqualified.

#include <cstdint>
#include <string>

namespace tinyforge {

std::string formatBytes(int64_t bytes);    // "98.3 KiB", "1.50 MiB", "512 B"
std::string formatCount(int64_t count);    // "15.58 M", "320.0 k", "950"
std::string formatMs(double milliseconds); // "187 ms", "18.7 ms", "0.920 ms"
std::string formatFps(double fps);         // "3.2 FPS", "0.54 FPS"
std::string formatMj(double millijoules);  // "50.505 mJ"
std::string formatPercent(double fraction);  // "93.1%"

// A figure split into its number and its unit, for callers that translate the unit
// (the studio): formatBytes(b) == number + " " + unit.
struct NumberWithUnit {
  std::string number;
  std::string unit;  // "B", "KiB", "MiB", "ms", "FPS", "mJ"
};
NumberWithUnit splitBytes(int64_t bytes);
NumberWithUnit splitMs(double milliseconds);
NumberWithUnit splitFps(double fps);
NumberWithUnit splitMj(double millijoules);

// Two byte counts in one unit, the one the larger needs: a used/budget pair reads
// "2.77 MiB / 0.50 MiB", never "2.77 MiB / 512.0 KiB".
NumberWithUnit splitBytesIn(int64_t bytes, const std::string& unit);
std::string formatBytesPair(int64_t used, int64_t budget, const char* separator = " / ");

}  // namespace tinyforge
