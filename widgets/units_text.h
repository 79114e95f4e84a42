#pragma once
// Figures with their units as the studio shows them (KiB = 1024 bytes, as linkers report).

#include <QString>
#include <cstdint>
#include <vector>

namespace tinyforge {

QString bytesText(int64_t bytes);          // "98.3 KiB"
QString countText(int64_t count);          // "15.6 M", "320 k", "950"
QString msText(double milliseconds);       // "187.4 ms"
QString shapeText(const std::vector<int32_t>& shape);  // "1×25×5×64"

}  // namespace tinyforge
