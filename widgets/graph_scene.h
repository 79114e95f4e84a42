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

  GraphDocument* document() const { return document_; }
  NodeItem* nodeItem(const QString& name) const { return nodes_.value(name); }
  const QList<EdgeItem*>& edgeItems() const { return edges_; }
  QStringList selectedNodeNames() const;
  void selectNode(const QString& name);

  // Drops `kind` at `scene_pos` as a user's drag from the palette would.
  QString dropKind(NodeKind kind, QPointF scene_pos);
  void deleteSelection();

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
