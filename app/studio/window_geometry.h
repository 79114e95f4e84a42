#pragma once
// Keeps a window on the screen it is shown on: a geometry saved on a larger screen, or a
// window that grew past its screen, is shrunk and moved back inside the available area.

#include <QRect>

class QWidget;

namespace tinyforge {

// `frame` moved and shrunk to lie inside `available` (sizes never below `minimum`).
QRect clampToArea(const QRect& frame, const QRect& available, const QSize& minimum = {});

// Applies clampToArea to a top-level window on its screen's available geometry.
void keepOnScreen(QWidget* window);

}  // namespace tinyforge
