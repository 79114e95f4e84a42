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
  keep_fitted_ = false;
  const double next = zoom() * factor;
  if (next < 0.1 || next > 4.0) return;
  scale(factor, factor);
}

void GraphView::zoomIn() { zoomBy(1.25); }
void GraphView::zoomOut() { zoomBy(0.8); }
void GraphView::resetZoom() {
  keep_fitted_ = false;
  setTransform(QTransform());
}

void GraphView::fitGraph() {
  keep_fitted_ = true;
  fitNow();
}

void GraphView::fitNow() {
  const QRectF bounds = scene()->itemsBoundingRect().adjusted(-30, -30, 30, 30);
  setTransform(QTransform());
  if (bounds.width() <= 60 && bounds.height() <= 60) {
    centerOn(0, 0);
    return;
  }
  const QRectF room = viewport()->rect();
  // Small graphs stay at 100% rather than blown up; large ones are not shrunk past the
  // smallest zoom at which nodes are still readable.
  const double fit = std::min(room.width() / bounds.width(), room.height() / bounds.height());
  const double zoom = std::clamp(fit, kSmallestFitZoom, 1.0);
  scale(zoom, zoom);
  if (fit >= kSmallestFitZoom) {
    centerOn(bounds.center());
  } else {
    // Too tall (or wide) to fit: start where the model starts, its top.
    const double half_height = room.height() / 2 / zoom;
    centerOn(bounds.center().x(), bounds.top() + half_height);
  }
}

void GraphView::resizeEvent(QResizeEvent* event) {
  QGraphicsView::resizeEvent(event);
  if (keep_fitted_) fitNow();
}

void GraphView::showEvent(QShowEvent* event) {
  QGraphicsView::showEvent(event);
  if (keep_fitted_) fitNow();
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
