#include "widgets/edge_item.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include "widgets/node_item.h"

namespace tinyforge {

EdgeItem::EdgeItem(NodeItem* from, NodeItem* to) : from_(from), to_(to) {
  setFlags(ItemIsSelectable);
  setZValue(0);
  adjust();
}

void EdgeItem::adjust() {
  const QPointF start = from_->outputPortScenePos();
  const QPointF end = to_->inputPortScenePos();
  const double bend = std::max(40.0, std::abs(end.y() - start.y()) / 2);
  QPainterPath path(start);
  path.cubicTo(start + QPointF(0, bend), end - QPointF(0, bend), end);
  setPath(path);
}

void EdgeItem::setDropHighlight(bool on) {
  if (drop_highlight_ == on) return;
  drop_highlight_ = on;
  update();
}

QPainterPath EdgeItem::shape() const {
  QPainterPathStroker stroker;
  stroker.setWidth(12);
  return stroker.createStroke(path());
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  painter->setRenderHint(QPainter::Antialiasing);
  const bool selected = option->state & QStyle::State_Selected;
  QPen pen(drop_highlight_ ? QColor(0xf5, 0x9e, 0x0b) : selected ? QColor(0x1e, 0x63, 0xd6) : QColor(0x55, 0x5b, 0x63));
  pen.setWidthF(drop_highlight_ || selected ? 3.5 : 1.8);
  painter->setPen(pen);
  painter->setBrush(Qt::NoBrush);
  painter->drawPath(path());
  // Arrow head at the consumer's input.
  const QPointF tip = path().pointAtPercent(1.0);
  const QPointF back = path().pointAtPercent(0.97);
  QLineF direction(tip, back);
  if (direction.length() > 0.01) {
    direction.setLength(9);
    QLineF left = direction, right = direction;
    left.setAngle(direction.angle() + 25);
    right.setAngle(direction.angle() - 25);
    painter->setBrush(pen.color());
    painter->drawPolygon(QPolygonF({tip, left.p2(), right.p2()}));
  }
}

}  // namespace tinyforge
