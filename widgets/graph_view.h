#pragma once
// The canvas widget: zoom (Ctrl+wheel, actions), fit to the graph, rubber-band selection.

#include <QGraphicsView>

namespace tinyforge {

class GraphScene;

class GraphView : public QGraphicsView {
  Q_OBJECT

 public:
  explicit GraphView(GraphScene* scene, QWidget* parent = nullptr);
  double zoom() const { return transform().m11(); }

 public Q_SLOTS:
  void zoomIn();
  void zoomOut();
  void resetZoom();
  void fitGraph();

 protected:
  void wheelEvent(QWheelEvent* event) override;

 private:
  void zoomBy(double factor);
};

}  // namespace tinyforge
