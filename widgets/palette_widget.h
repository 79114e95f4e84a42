#pragma once
// The palette: layers and block templates, dragged onto the canvas (or double-clicked to
// add one at the centre of the view).

#include <QTreeWidget>

#include "core/graph/graph.h"

namespace tinyforge {

class PaletteWidget : public QTreeWidget {
  Q_OBJECT

 public:
  explicit PaletteWidget(QWidget* parent = nullptr);
  static QMimeData* mimeDataFor(NodeKind kind);
  // Wide enough for its longest entry ("Depthwise convolution"), so nothing starts clipped.
  QSize sizeHint() const override;
  int contentWidth() const;

 Q_SIGNALS:
  void kindActivated(tinyforge::NodeKind kind);

 protected:
  QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override;
  QStringList mimeTypes() const override;
};

}  // namespace tinyforge
