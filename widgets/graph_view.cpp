#include "widgets/graph_view.h"

#include <QWheelEvent>

#include "widgets/graph_scene.h"

namespace tinyforge {

GraphView::GraphView(GraphScene* scene, QWidget* parent) : QGraphicsView(scene, parent) {
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  setDragMode(QGraphicsView::RubberBandDrag);
  setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setAcceptDrops(true);
  setBackgroundBrush(QColor(0xf7, 0xf8, 0xfa));
  setSceneRect(-5000, -5000, 10000, 10000);
}

void GraphView::zoomBy(double factor) {
  const double next = zoom() * factor;
  if (next < 0.1 || next > 4.0) return;
  scale(factor, factor);
}

void GraphView::zoomIn() { zoomBy(1.25); }
void GraphView::zoomOut() { zoomBy(0.8); }
void GraphView::resetZoom() { setTransform(QTransform()); }

void GraphView::fitGraph() {
  const QRectF bounds = scene()->itemsBoundingRect();
  if (bounds.isEmpty()) {
    resetZoom();
    centerOn(0, 0);
    return;
  }
  fitInView(bounds.adjusted(-30, -30, 30, 30), Qt::KeepAspectRatio);
  if (zoom() > 1.0) resetZoom();  // small graphs stay readable rather than blown up
  centerOn(bounds.center());
}

void GraphView::wheelEvent(QWheelEvent* event) {
  if (event->modifiers() & Qt::ControlModifier) {
    zoomBy(event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
    event->accept();
    return;
  }
  QGraphicsView::wheelEvent(event);
}

}  // namespace tinyforge
