#pragma once
// The canvas model: one NodeItem per node and one EdgeItem per edge, kept in step with the
// GraphDocument. User gestures (drop from the palette, drag between ports, move, delete)
// become document edits; the items change only when the document says so.

#include <QGraphicsScene>
#include <QHash>
#include <QList>

#include "widgets/graph_document.h"

class QGraphicsLineItem;

namespace tinyforge {

class EdgeItem;
class NodeItem;

inline constexpr const char* kNodeKindMimeType = "application/x-tinyforge-node-kind";

class GraphScene : public QGraphicsScene {
  Q_OBJECT

 public:
  explicit GraphScene(GraphDocument* document, QObject* parent = nullptr);
  ~GraphScene() override;

  GraphDocument* document() const { return document_; }
  NodeItem* nodeItem(const QString& name) const { return nodes_.value(name); }
  const QList<EdgeItem*>& edgeItems() const { return edges_; }
  QStringList selectedNodeNames() const;
  // Selects `name` alone, or adds it to the selection.
  void selectNode(const QString& name, bool add = false);

  // Drops `kind` at `scene_pos` as a user's drag from the palette would.
  QString dropKind(NodeKind kind, QPointF scene_pos);
  // Deletes the selected nodes and edges; `reconnect` as GraphDocument::removeElements.
  void deleteSelection(bool reconnect = false);
  // How far from a port's centre a press still grabs the port, in scene units: at least
  // kPortGrabPixels on screen whatever the zoom, so that ports stay easy to hit when a
  // large model is fitted to the window.
  double portGrabRadius() const;
  static constexpr double kPortGrabPixels = 12;

  void nodeItemMoved(NodeItem* item);  // called by NodeItem while it moves

 Q_SIGNALS:
  void nodeSelected(const QString& name);  // empty when none or several

 protected:
  void dragEnterEvent(QGraphicsSceneDragDropEvent* event) override;
  void dragMoveEvent(QGraphicsSceneDragDropEvent* event) override;
  void dragLeaveEvent(QGraphicsSceneDragDropEvent* event) override;
  void dropEvent(QGraphicsSceneDragDropEvent* event) override;
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;

 private:
  void syncFromDocument();
  void syncPositions();
  NodeItem* nodeAt(QPointF scene_pos) const;
  // The node whose port is nearest `scene_pos` within portGrabRadius(); `output` says which port.
  NodeItem* portAt(QPointF scene_pos, bool* output) const;
  EdgeItem* edgeAt(QPointF scene_pos) const;
  void setDropTarget(EdgeItem* edge);

  GraphDocument* document_;
  QHash<QString, NodeItem*> nodes_;
  QList<EdgeItem*> edges_;
  bool syncing_ = false;

  // Port-to-port connection being dragged.
  NodeItem* connect_from_ = nullptr;
  bool connect_from_output_ = true;
  QGraphicsLineItem* connect_line_ = nullptr;
  EdgeItem* drop_target_ = nullptr;
};

}  // namespace tinyforge
