#pragma once
// One edge (producer output -> consumer input) on the canvas. Selecting it and pressing
// Delete disconnects; dropping a palette entry on it inserts the new node in between.

#include <QGraphicsPathItem>
#include <QString>

namespace tinyforge {

class NodeItem;

class EdgeItem : public QGraphicsPathItem {
 public:
  enum { Type = QGraphicsItem::UserType + 2 };
  EdgeItem(NodeItem* from, NodeItem* to);
  int type() const override { return Type; }

  NodeItem* from() const { return from_; }
  NodeItem* to() const { return to_; }
  void adjust();  // follow the ports after a move
  void setDropHighlight(bool on);

  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  NodeItem* from_;
  NodeItem* to_;
  bool drop_highlight_ = false;
};

}  // namespace tinyforge
