#include "widgets/budget_bar.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
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
  if (!neutral_ && fraction_ == fraction && text_ == text) return;  // nothing to repaint
  neutral_ = false;
  fraction_ = fraction;
  text_ = text;
  update();
}

void BudgetBar::setFigure(double fill, const QString& text) {
  fill = std::clamp(fill, 0.0, 1.0);
  if (neutral_ && fraction_ == fill && text_ == text) return;
  neutral_ = true;
  fraction_ = fill;
  text_ = text;
  update();
}

void BudgetBar::clear(const QString& text) { setValue(-1, text); }

bool BudgetBar::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    const QString text = details();
    if (text.isEmpty()) QToolTip::hideText();
    else QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(), text, this);
    return true;
  }
  return QWidget::event(event);
}

void BudgetBar::paintEvent(QPaintEvent*) {
  // Plain rectangles: every edit repaints every bar, and antialiased rounded outlines made
  // the bars the costliest thing to paint in the window.
  QPainter painter(this);
  const QRect frame = rect().adjusted(0, 0, -1, -1);
  painter.fillRect(frame, QColor(0xf1, 0xf3, 0xf5));
  if (fraction_ >= 0) {
    QRect filled = frame;
    filled.setWidth(static_cast<int>(frame.width() * std::min(fraction_, 1.0)));
    painter.fillRect(filled, neutral_ ? QColor(0x8f, 0xa8, 0xc8) : budgetColor(level()));
  }
  painter.setPen(QColor(0xc8, 0xcc, 0xd2));
  painter.drawRect(frame);
  painter.setPen(!neutral_ && fraction_ > 0.55 ? Qt::white : Qt::black);
  QFont font = painter.font();
  font.setPointSizeF(8);
  painter.setFont(font);
  painter.drawText(frame.adjusted(5, 0, -5, 0), Qt::AlignVCenter | Qt::AlignLeft, text_);
}

}  // namespace tinyforge
