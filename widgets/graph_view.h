#pragma once
// The canvas widget: zoom (Ctrl+wheel, actions), fit to the graph, rubber-band selection.
// A fitted graph stays fitted while the window is laid out and resized, until the user
// zooms: a model opened before the window has its size still lands in view.

#include <QGraphicsView>

namespace tinyforge {

class GraphScene;

class GraphView : public QGraphicsView {
  Q_OBJECT

 public:
  explicit GraphView(GraphScene* scene, QWidget* parent = nullptr);
  double zoom() const { return transform().m11(); }
  // The smallest zoom fitting uses: below it nodes and ports get too small to work with,
  // and a tall model is shown from its top instead.
  static constexpr double kSmallestFitZoom = 0.5;

 public Q_SLOTS:
  void zoomIn();
  void zoomOut();
  void resetZoom();
  void fitGraph();

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void zoomBy(double factor);
  void fitNow();

  bool keep_fitted_ = false;
};

}  // namespace tinyforge
