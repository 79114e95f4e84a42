#include "app/studio/window_geometry.h"

#include <QScreen>
#include <QWidget>
#include <algorithm>

namespace tinyforge {

QRect clampToArea(const QRect& frame, const QRect& available, const QSize& minimum) {
  if (!available.isValid()) return frame;
  QSize size = frame.size().boundedTo(available.size()).expandedTo(minimum.boundedTo(available.size()));
  QPoint top_left = frame.topLeft();
  top_left.setX(std::clamp(top_left.x(), available.left(), available.right() - size.width() + 1));
  top_left.setY(std::clamp(top_left.y(), available.top(), available.bottom() - size.height() + 1));
  return QRect(top_left, size);
}

void keepOnScreen(QWidget* window) {
  const QScreen* screen = window->screen();
  if (!screen) return;
  // The frame (title bar, borders) must fit too; what it adds is known once the window
  // manager has framed the window, and is nothing before.
  const QSize frame_extra = window->frameGeometry().size() - window->size();
  const QRect frame(window->frameGeometry().topLeft(), window->size() + frame_extra);
  const QRect wanted = clampToArea(frame, screen->availableGeometry());
  if (wanted.size() != frame.size()) window->resize(wanted.size() - frame_extra);
  if (wanted.topLeft() != frame.topLeft()) window->move(wanted.topLeft());
}

}  // namespace tinyforge
