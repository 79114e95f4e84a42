#pragma once
// Shared by the GUI tests: a main window as a user gets it (offscreen, non-interactive:
// errors are recorded instead of shown in message boxes), and the gestures a user makes.

#include <QCoreApplication>
#include <QGraphicsSceneDragDropEvent>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "app/studio/main_window.h"
#include "widgets/graph_scene.h"
#include "widgets/graph_view.h"
#include "widgets/node_item.h"
#include "widgets/palette_widget.h"

namespace tinyforge::gui_test {

inline QString modelPath(const char* name) {
  return QStringLiteral(TINYFORGE_RESOURCES_DIR "/models/") + QLatin1String(name);
}
inline QString sharedModelPath(const char* name) {
  return QStringLiteral(TINYFORGE_SHARED_DIR "/models/") + QLatin1String(name);
}

// How many times slower than a plain build this build runs: TINYFORGE_TIMING_SCALE, set
// by scripts/run-sanitizers.sh (a sanitizer build runs 2-5x slower); 1 when unset. Only
// bounds on what a user would notice (a stalled window) are scaled.
inline int timingScale() {
  const int scale = qEnvironmentVariableIntValue("TINYFORGE_TIMING_SCALE");
  return scale >= 1 ? scale : 1;
}

inline std::unique_ptr<MainWindow> makeWindow(const QTemporaryDir& dir, QSize size = {1400, 900}) {
  MainWindowOptions options;
  options.interactive = false;
  options.autosave_directory = dir.filePath(QStringLiteral("recovery"));
  auto window = std::make_unique<MainWindow>(options);
  window->resize(size);
  window->show();
  [[maybe_unused]] bool exposed = QTest::qWaitForWindowExposed(window.get());
  QCoreApplication::processEvents();
  return window;
}

// What a drop from the palette delivers to the scene.
inline void drop(GraphScene* scene, NodeKind kind, QPointF scene_pos) {
  std::unique_ptr<QMimeData> data(PaletteWidget::mimeDataFor(kind));
  QGraphicsSceneDragDropEvent event(QEvent::GraphicsSceneDrop);
  event.setScenePos(scene_pos);
  event.setMimeData(data.get());
  event.setPossibleActions(Qt::CopyAction);
  event.setProposedAction(Qt::CopyAction);
  QCoreApplication::sendEvent(scene, &event);
}

// A mouse drag on the canvas between two points of the view's viewport.
inline void dragInView(GraphView* view, QPoint start, QPoint end) {
  QWidget* viewport = view->viewport();
  QTest::mousePress(viewport, Qt::LeftButton, {}, start);
  QTest::mouseMove(viewport, (start + end) / 2);
  QTest::mouseMove(viewport, end);
  QTest::mouseRelease(viewport, Qt::LeftButton, {}, end);
}

// The rectangle of a node's body in scene coordinates.
inline QRectF bodyOf(const NodeItem* item) {
  return QRectF(item->pos() - QPointF(NodeItem::kWidth / 2, NodeItem::kHeight / 2), QSizeF(NodeItem::kWidth, NodeItem::kHeight));
}

}  // namespace tinyforge::gui_test
