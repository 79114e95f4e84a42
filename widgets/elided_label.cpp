#include "widgets/elided_label.h"

#include <QResizeEvent>
#include <QStringList>

namespace tinyforge {

ElidedLabel::ElidedLabel(const QString& text, Qt::TextElideMode mode, QWidget* parent)
    : QLabel(parent), mode_(mode) {
  setTextFormat(Qt::PlainText);
  setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  setFullText(text);
}

void ElidedLabel::setFullText(const QString& text) {
  if (text == full_text_ && !text.isEmpty()) return;
  full_text_ = text;
  full_width_ = fontMetrics().horizontalAdvance(full_text_);
  elide();
  updateGeometry();
}

void ElidedLabel::setDetails(const QString& details) {
  details_ = details;
  elide();
}

QSize ElidedLabel::sizeHint() const {
  const QMargins m = contentsMargins();
  return {full_width_ + m.left() + m.right() + 2 * margin(),
          QLabel::sizeHint().height()};
}

QSize ElidedLabel::minimumSizeHint() const {
  return {fontMetrics().horizontalAdvance(QStringLiteral("M\u2026")), QLabel::minimumSizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent* event) {
  QLabel::resizeEvent(event);
  elide();
}

void ElidedLabel::elide() {
  const int room = contentsRect().width() - 2 * margin();
  const QString shown = fontMetrics().elidedText(full_text_, mode_, std::max(room, 0));
  QLabel::setText(shown);
  QStringList tip;
  if (shown != full_text_) tip << full_text_;
  if (!details_.isEmpty()) tip << details_;
  setToolTip(tip.join(QLatin1Char('\n')));
}

QString breakableText(const QString& text) {
  QString out;
  out.reserve(text.size() + text.size() / 8);
  for (const QChar c : text) {
    out += c;
    if (c == QLatin1Char('/') || c == QLatin1Char(';') || c == QLatin1Char(':') || c == QLatin1Char('_'))
      out += QChar(0x200B);  // zero-width space: a line may break here
  }
  return out;
}

}  // namespace tinyforge
