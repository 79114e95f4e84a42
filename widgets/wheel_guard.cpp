#include "widgets/wheel_guard.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QObject>
#include <QWidget>

namespace tinyforge {
namespace {

class WheelGuard : public QObject {
 public:
  using QObject::QObject;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() != QEvent::Wheel && event->type() != QEvent::Polish) return false;
    auto* widget = qobject_cast<QWidget*>(watched);
    if (!widget || (!qobject_cast<QAbstractSpinBox*>(widget) && !qobject_cast<QComboBox*>(widget))) return false;
    if (event->type() == QEvent::Polish) {
      // The wheel must not give them focus either (Qt's default for spin boxes).
      if (widget->focusPolicy() == Qt::WheelFocus) widget->setFocusPolicy(Qt::StrongFocus);
      return false;
    }
    if (widget->hasFocus()) return false;
    // Not for this field: ignored events travel on to the parent (the scroll area).
    event->ignore();
    return true;
  }
};

}  // namespace

void installWheelGuard(QObject* target) {
  // One guard per target, whatever the number of windows that ask.
  const QString name = QStringLiteral("tinyforgeWheelGuard");
  if (target->findChild<QObject*>(name, Qt::FindDirectChildrenOnly)) return;
  auto* guard = new WheelGuard(target);
  guard->setObjectName(name);
  target->installEventFilter(guard);
}

}  // namespace tinyforge
