#pragma once
// Mouse-wheel scrolling over a form scrolls the form: a spin box or combo box under the
// pointer changes its value by wheel only once the user has clicked into it (focused it).
// Without this, scrolling the search form silently changed its fields.

class QObject;

namespace tinyforge {

// Installs the guard on `target` (a widget, or the application for every widget).
void installWheelGuard(QObject* target);

}  // namespace tinyforge
