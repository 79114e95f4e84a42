#pragma once
// Figures with their units as the studio shows them: the numbers formatted as the CLI and
// the reports format them (core/estimate/units.h), the units in the user's language.

#include <QString>
#include <cstdint>
#include <vector>

namespace tinyforge {

QString bytesText(int64_t bytes);          // "98.3 KiB"
// A used/budget pair in one unit: "2.77 MiB / 0.50 MiB".
QString bytesPairText(int64_t used, int64_t budget);
QString countText(int64_t count);          // "15.58 M", "320.0 k", "950"
QString msText(double milliseconds);       // "187 ms", "18.7 ms", "0.920 ms"
QString fpsText(double fps);               // "3.2 FPS"
QString mjText(double millijoules);        // "50.505 mJ"
QString shapeText(const std::vector<int32_t>& shape);  // "1×25×5×64"
// A unit alone, translated ("ms", "KiB", "FPS", "mJ"), for spin box suffixes.
QString unitText(const char* unit);

}  // namespace tinyforge
