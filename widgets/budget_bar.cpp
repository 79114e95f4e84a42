#include "widgets/budget_bar.h"

#include <QPainter>
#include <algorithm>

namespace tinyforge {

BudgetLevel budgetLevel(double fraction) {
  if (fraction < 0) return BudgetLevel::Unknown;
  if (fraction > 1.0) return BudgetLevel::Over;
  if (fraction > 0.9) return BudgetLevel::Tight;
  return BudgetLevel::Ok;
}

QColor budgetColor(BudgetLevel level) {
  switch (level) {
    case BudgetLevel::Ok: return QColor(0x2e, 0x9d, 0x4f);
    case BudgetLevel::Tight: return QColor(0xf0, 0xa2, 0x02);
    case BudgetLevel::Over: return QColor(0xd3, 0x2f, 0x2f);
    case BudgetLevel::Unknown: break;
  }
  return QColor(0xb0, 0xb4, 0xba);
}

BudgetBar::BudgetBar(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void BudgetBar::setValue(double fraction, const QString& text) {
  neutral_ = false;
  fraction_ = fraction;
  text_ = text;
  update();
}

void BudgetBar::setFigure(double fill, const QString& text) {
  neutral_ = true;
  fraction_ = std::clamp(fill, 0.0, 1.0);
  text_ = text;
  update();
}

void BudgetBar::clear(const QString& text) { setValue(-1, text); }

void BudgetBar::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
  painter.setPen(QColor(0xc8, 0xcc, 0xd2));
  painter.setBrush(QColor(0xf1, 0xf3, 0xf5));
  painter.drawRoundedRect(frame, 3, 3);
  if (fraction_ >= 0) {
    QRectF filled = frame;
    filled.setWidth(frame.width() * std::min(fraction_, 1.0));
    painter.setPen(Qt::NoPen);
    painter.setBrush(neutral_ ? QColor(0x8f, 0xa8, 0xc8) : budgetColor(level()));
    painter.drawRoundedRect(filled, 3, 3);
  }
  painter.setPen(!neutral_ && fraction_ > 0.55 ? Qt::white : Qt::black);
  QFont font = painter.font();
  font.setPointSizeF(8);
  painter.setFont(font);
  painter.drawText(frame.adjusted(5, 0, -5, 0), Qt::AlignVCenter | Qt::AlignLeft, text_);
}

}  // namespace tinyforge
