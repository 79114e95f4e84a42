#include "widgets/units_text.h"

#include <QStringList>

namespace tinyforge {

QString bytesText(int64_t bytes) {
  const double value = static_cast<double>(bytes);
  if (bytes < 1024) return QStringLiteral("%1 B").arg(bytes);
  if (bytes < 1024 * 1024) return QStringLiteral("%1 KiB").arg(value / 1024.0, 0, 'f', 1);
  return QStringLiteral("%1 MiB").arg(value / (1024.0 * 1024.0), 0, 'f', 2);
}

QString countText(int64_t count) {
  const double value = static_cast<double>(count);
  if (count < 1000) return QString::number(count);
  if (count < 1000 * 1000) return QStringLiteral("%1 k").arg(value / 1e3, 0, 'f', value < 1e4 ? 2 : 1);
  if (count < 1000LL * 1000 * 1000) return QStringLiteral("%1 M").arg(value / 1e6, 0, 'f', value < 1e7 ? 2 : 1);
  return QStringLiteral("%1 G").arg(value / 1e9, 0, 'f', 2);
}

QString msText(double milliseconds) {
  return QStringLiteral("%1 ms").arg(milliseconds, 0, 'f', milliseconds < 10 ? 2 : 1);
}

QString shapeText(const std::vector<int32_t>& shape) {
  QStringList parts;
  for (int32_t dim : shape) parts << QString::number(dim);
  return parts.join(QChar(0x00d7));
}

}  // namespace tinyforge
