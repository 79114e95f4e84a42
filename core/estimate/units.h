#pragma once
// Human-readable figures with their units, shared by the CLI, the studio and reports.
// KiB = 1024 bytes (what linkers and TFLM report); MB/KB are never used unqualified.

#include <cstdint>
#include <string>

namespace tinyforge {

std::string formatBytes(int64_t bytes);    // "98.3 KiB", "1.50 MiB", "512 B"
std::string formatCount(int64_t count);    // "15.58 M", "320.0 k", "950"
std::string formatMs(double milliseconds); // "187.4 ms", "0.92 ms"
std::string formatPercent(double fraction);  // "93.1%"

}  // namespace tinyforge
