#pragma once
// One node of the graph on the canvas: its name and kind, output shape, a MACs badge and,
// when shape inference fails here, the error. Input port on top, output port below.

#include <QGraphicsItem>
#include <QString>

#include "core/graph/graph.h"

namespace tinyforge {

class NodeItem : public QGraphicsItem {
 public:
  enum { Type = UserType + 1 };
  static constexpr double kWidth = 190;
  static constexpr double kHeight = 66;
  static constexpr double kPortRadius = 7;

  explicit NodeItem(const QString& name);
  int type() const override { return Type; }

  const QString& name() const { return name_; }
  void setName(const QString& name);
  // `warning`: the node is left out of the figures (not connected), said in amber.
  void setContent(NodeKind kind, const QString& shape_text, const QString& cost_text, const QString& error,
                  const QString& warning = {});
  bool hasError() const { return !error_.isEmpty(); }
  bool hasWarning() const { return !warning_.isEmpty(); }
  const QString& warningText() const { return warning_; }
  const QString& shapeText() const { return shape_text_; }
  const QString& costText() const { return cost_text_; }

  QPointF inputPortScenePos() const { return mapToScene(QPointF(0, -kHeight / 2)); }
  QPointF outputPortScenePos() const { return mapToScene(QPointF(0, kHeight / 2)); }
  // Within `radius` (scene units) of the port's centre.
  bool isOnOutputPort(QPointF scene_pos, double radius = kPortRadius + 4) const;
  bool isOnInputPort(QPointF scene_pos, double radius = kPortRadius + 4) const;

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 protected:
  QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

 private:
  QString name_;
  NodeKind kind_ = NodeKind::Conv2D;
  QString shape_text_;
  QString cost_text_;
  QString error_;
  QString warning_;
  bool content_set_ = false;
};

}  // namespace tinyforge
