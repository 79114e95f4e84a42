#include "widgets/node_item.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "widgets/graph_scene.h"
#include "widgets/node_defaults.h"

namespace tinyforge {
namespace {

QColor fillFor(NodeKind kind) {
  if (isBlock(kind)) return QColor(0xe8, 0xdd, 0xf7);
  switch (kind) {
    case NodeKind::Input: return QColor(0xe4, 0xe7, 0xeb);
    case NodeKind::Conv2D:
    case NodeKind::DepthwiseConv2D:
    case NodeKind::FullyConnected: return QColor(0xdb, 0xe9, 0xfa);
    case NodeKind::AveragePool2D:
    case NodeKind::MaxPool2D:
    case NodeKind::Mean: return QColor(0xdc, 0xf2, 0xe3);
    default: return QColor(0xfa, 0xee, 0xd9);
  }
}

}  // namespace

NodeItem::NodeItem(const QString& name) : name_(name) {
  setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
  setAcceptHoverEvents(true);
  setZValue(1);
}

void NodeItem::setName(const QString& name) {
  name_ = name;
  update();
}

void NodeItem::setContent(NodeKind kind, const QString& shape_text, const QString& cost_text, const QString& error,
                          const QString& warning) {
  if (content_set_ && kind == kind_ && shape_text == shape_text_ && cost_text == cost_text_ && error == error_ &&
      warning == warning_)
    return;  // unchanged: no repaint (an edit of one layer leaves the others as they were)
  content_set_ = true;
  kind_ = kind;
  shape_text_ = shape_text;
  cost_text_ = cost_text;
  error_ = error;
  warning_ = warning;
  QString tip = QStringLiteral("%1 (%2)").arg(name_, displayName(kind));
  if (!shape_text.isEmpty()) tip += QLatin1Char('\n') + shape_text;
  if (!warning.isEmpty()) tip += QLatin1Char('\n') + warning;
  setToolTip(error.isEmpty() ? tip : error);
  update();
}

bool NodeItem::isOnOutputPort(QPointF scene_pos, double radius) const {
  return QLineF(scene_pos, outputPortScenePos()).length() <= radius;
}

bool NodeItem::isOnInputPort(QPointF scene_pos, double radius) const {
  return kind_ != NodeKind::Input && QLineF(scene_pos, inputPortScenePos()).length() <= radius;
}

QRectF NodeItem::boundingRect() const {
  const double margin = kPortRadius + 2;
  return QRectF(-kWidth / 2 - 2, -kHeight / 2 - margin, kWidth + 4, kHeight + 2 * margin);
}

QPainterPath NodeItem::shape() const {
  QPainterPath path;
  path.addRoundedRect(QRectF(-kWidth / 2, -kHeight / 2, kWidth, kHeight), 8, 8);
  path.addEllipse(QPointF(0, -kHeight / 2), kPortRadius + 3, kPortRadius + 3);
  path.addEllipse(QPointF(0, kHeight / 2), kPortRadius + 3, kPortRadius + 3);
  return path;
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  painter->setRenderHint(QPainter::Antialiasing);
  const QRectF body(-kWidth / 2, -kHeight / 2, kWidth, kHeight);
  const bool selected = option->state & QStyle::State_Selected;
  QPen border(hasError() ? QColor(0xd3, 0x2f, 0x2f) : selected ? QColor(0x1e, 0x63, 0xd6) : QColor(0x7a, 0x80, 0x88));
  border.setWidthF(hasError() || selected ? 2.5 : 1.2);
  painter->setPen(border);
  painter->setBrush(hasError() ? QColor(0xfd, 0xe4, 0xe4) : hasWarning() ? QColor(0xff, 0xf4, 0xd6) : fillFor(kind_));
  if (hasWarning() && !hasError()) {
    border.setColor(QColor(0xc7, 0x7c, 0x02));
    border.setStyle(Qt::DashLine);
    painter->setPen(border);
  }
  painter->drawRoundedRect(body, 8, 8);

  // Ports.
  painter->setPen(QPen(QColor(0x50, 0x55, 0x5c), 1));
  painter->setBrush(Qt::white);
  if (kind_ != NodeKind::Input) painter->drawEllipse(QPointF(0, -kHeight / 2), kPortRadius, kPortRadius);
  painter->drawEllipse(QPointF(0, kHeight / 2), kPortRadius, kPortRadius);

  QFont font = painter->font();
  font.setPointSizeF(9);
  font.setBold(true);
  painter->setFont(font);
  painter->setPen(Qt::black);
  const QRectF title(body.left() + 8, body.top() + 5, kWidth - 16, 16);

  // Cost badge in the top-right corner.
  double badge_width = 0;
  if (!cost_text_.isEmpty()) {
    QFont badge_font = font;
    badge_font.setBold(false);
    badge_font.setPointSizeF(7.5);
    const QFontMetricsF metrics(badge_font);
    badge_width = metrics.horizontalAdvance(cost_text_) + 10;
    const QRectF badge(body.right() - badge_width - 6, body.top() + 5, badge_width, 15);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0x37, 0x47, 0x5a));
    painter->drawRoundedRect(badge, 7, 7);
    painter->setPen(Qt::white);
    painter->setFont(badge_font);
    painter->drawText(badge, Qt::AlignCenter, cost_text_);
    painter->setFont(font);
    painter->setPen(Qt::black);
  }
  const QFontMetricsF title_metrics(font);
  painter->drawText(title.adjusted(0, 0, -badge_width - 4, 0), Qt::AlignLeft | Qt::AlignVCenter,
                    title_metrics.elidedText(name_, Qt::ElideRight, title.width() - badge_width - 4));

  font.setBold(false);
  font.setPointSizeF(8);
  painter->setFont(font);
  const QFontMetricsF metrics(font);
  painter->setPen(QColor(0x33, 0x33, 0x33));
  painter->drawText(QRectF(body.left() + 8, body.top() + 22, kWidth - 16, 14), Qt::AlignLeft | Qt::AlignVCenter,
                    metrics.elidedText(displayName(kind_), Qt::ElideRight, kWidth - 16));
  const QRectF last_line(body.left() + 8, body.top() + 38, kWidth - 16, 22);
  if (hasError()) {
    painter->setPen(QColor(0xb7, 0x1c, 0x1c));
    painter->drawText(last_line, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                      metrics.elidedText(QStringLiteral("\u26a0 ") + error_, Qt::ElideRight, 2 * (kWidth - 16) - 20));
  } else if (hasWarning()) {
    painter->setPen(QColor(0x8a, 0x55, 0x00));
    painter->drawText(last_line, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                      metrics.elidedText(warning_, Qt::ElideRight, 2 * (kWidth - 16) - 20));
  } else {
    painter->setPen(QColor(0x1b, 0x4d, 0x2e));
    painter->drawText(last_line, Qt::AlignLeft | Qt::AlignVCenter, shape_text_);
  }
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
  if (change == ItemPositionHasChanged) {
    if (auto* graph_scene = dynamic_cast<GraphScene*>(scene())) graph_scene->nodeItemMoved(this);
  }
  return QGraphicsItem::itemChange(change, value);
}

}  // namespace tinyforge
