#include "widgets/units_text.h"

#include <QCoreApplication>
#include <QStringList>

#include "core/estimate/units.h"

namespace tinyforge {
namespace {

QString withUnit(const NumberWithUnit& figure) {
  return QCoreApplication::translate("Units", "%1 %2")
      .arg(QString::fromStdString(figure.number), unitText(figure.unit.c_str()));
}

}  // namespace

QString unitText(const char* unit) {
  const QLatin1String u(unit);
  if (u == QLatin1String("B")) return QCoreApplication::translate("Units", "B", "bytes");
  if (u == QLatin1String("KiB")) return QCoreApplication::translate("Units", "KiB", "1024 bytes");
  if (u == QLatin1String("MiB")) return QCoreApplication::translate("Units", "MiB", "1024 KiB");
  if (u == QLatin1String("ms")) return QCoreApplication::translate("Units", "ms", "milliseconds");
  if (u == QLatin1String("FPS")) return QCoreApplication::translate("Units", "FPS", "inferences per second");
  if (u == QLatin1String("mJ")) return QCoreApplication::translate("Units", "mJ", "millijoules");
  return QString::fromLatin1(unit);
}

QString bytesText(int64_t bytes) { return withUnit(splitBytes(bytes)); }

QString bytesPairText(int64_t used, int64_t budget) {
  const std::string unit = splitBytes(std::max(std::abs(used), std::abs(budget))).unit;
  return QStringLiteral("%1 / %2").arg(withUnit(splitBytesIn(used, unit)), withUnit(splitBytesIn(budget, unit)));
}

QString countText(int64_t count) { return QString::fromStdString(formatCount(count)); }
QString msText(double milliseconds) { return withUnit(splitMs(milliseconds)); }
QString fpsText(double fps) { return withUnit(splitFps(fps)); }
QString mjText(double millijoules) { return withUnit(splitMj(millijoules)); }

QString shapeText(const std::vector<int32_t>& shape) {
  QStringList parts;
  for (int32_t dim : shape) parts << QString::number(dim);
  return parts.join(QChar(0x00d7));
}

}  // namespace tinyforge
