#include "widgets/graph_scene.h"

#include <QGraphicsLineItem>
#include <QGraphicsView>
#include <QGraphicsSceneDragDropEvent>
#include <QGraphicsSceneMouseEvent>
#include <QMimeData>
#include <QSet>

#include "widgets/edge_item.h"
#include "widgets/node_defaults.h"
#include "widgets/node_item.h"
#include "widgets/units_text.h"

namespace tinyforge {

GraphScene::GraphScene(GraphDocument* document, QObject* parent) : QGraphicsScene(parent), document_(document) {
  setItemIndexMethod(QGraphicsScene::NoIndex);
  connect(document_, &GraphDocument::graphChanged, this, &GraphScene::syncFromDocument);
  connect(document_, &GraphDocument::positionsChanged, this, &GraphScene::syncPositions);
  connect(this, &QGraphicsScene::selectionChanged, this, [this] {
    const QStringList names = selectedNodeNames();
    Q_EMIT nodeSelected(names.size() == 1 ? names.front() : QString());
  });
  syncFromDocument();
}

// ~QGraphicsScene removes the items after this class is gone, and removing a selected item
// emits selectionChanged: the handler above would call into a half-destroyed GraphScene
// (UBSan, studio tests under scripts/run-sanitizers.sh). Nothing listens once it ends.
GraphScene::~GraphScene() {
  blockSignals(true);
  clear();
}

QStringList GraphScene::selectedNodeNames() const {
  QStringList names;
  for (QGraphicsItem* item : selectedItems()) {
    if (auto* node = qgraphicsitem_cast<NodeItem*>(item)) names << node->name();
  }
  return names;
}

void GraphScene::selectNode(const QString& name, bool add) {
  if (!add) clearSelection();
  if (NodeItem* item = nodes_.value(name)) item->setSelected(true);
}

void GraphScene::syncFromDocument() {
  syncing_ = true;
  const QStringList selected = selectedNodeNames();
  const Graph& graph = document_->graph();
  const GraphAnalysis& analysis = document_->analysis();

  QSet<QString> alive;
  for (const Node& node : graph.nodes) {
    const QString name = QString::fromStdString(node.name);
    alive.insert(name);
    NodeItem* item = nodes_.value(name);
    if (!item) {
      item = new NodeItem(name);
      addItem(item);
      nodes_.insert(name, item);
    }
    item->setPos(document_->position(name));
    QString shape, cost, warning;
    if (auto it = analysis.nodes.find(node.name); it != analysis.nodes.end() && it->second.dangling) {
      warning = tr("Not connected to an input: left out of the figures");
    } else if (it != analysis.nodes.end()) {
      shape = shapeText(it->second.output_shape);
      if (it->second.macs > 0) cost = tr("%1 MACs").arg(countText(it->second.macs));
    } else if (!analysis.ok()) {
      shape = QStringLiteral("?");
    }
    const QString error = analysis.error_node == node.name ? QString::fromStdString(analysis.error) : QString();
    item->setContent(node.kind, shape, cost, error, warning);
  }
  for (auto it = nodes_.begin(); it != nodes_.end();) {
    if (!alive.contains(it.key())) {
      delete it.value();
      it = nodes_.erase(it);
    } else {
      ++it;
    }
  }
  // Edges have no state of their own: rebuilt when the edges changed, else only moved
  // (an edit of a layer's properties, the common case, keeps them all).
  QList<QPair<NodeItem*, NodeItem*>> wanted;
  for (const Node& node : graph.nodes) {
    NodeItem* to = nodes_.value(QString::fromStdString(node.name));
    for (const std::string& input : node.inputs) {
      NodeItem* from = nodes_.value(QString::fromStdString(input));
      if (from && to) wanted.append(qMakePair(from, to));
    }
  }
  bool same = wanted.size() == edges_.size();
  for (qsizetype i = 0; same && i < wanted.size(); ++i)
    same = edges_[i]->from() == wanted[i].first && edges_[i]->to() == wanted[i].second;
  if (same) {
    for (EdgeItem* edge : edges_) edge->adjust();
  } else {
    drop_target_ = nullptr;
    qDeleteAll(edges_);
    edges_.clear();
    for (const auto& [from, to] : wanted) {
      auto* edge = new EdgeItem(from, to);
      addItem(edge);
      edges_.append(edge);
    }
  }
  for (const QString& name : selected) {
    if (NodeItem* item = nodes_.value(name)) item->setSelected(true);
  }
  syncing_ = false;
}

void GraphScene::syncPositions() {
  syncing_ = true;
  for (auto it = nodes_.begin(); it != nodes_.end(); ++it) it.value()->setPos(document_->position(it.key()));
  for (EdgeItem* edge : edges_) edge->adjust();
  syncing_ = false;
}

void GraphScene::nodeItemMoved(NodeItem* item) {
  for (EdgeItem* edge : edges_) {
    if (edge->from() == item || edge->to() == item) edge->adjust();
  }
}

QString GraphScene::dropKind(NodeKind kind, QPointF scene_pos) {
  EdgeItem* edge = edgeAt(scene_pos);
  QString name;
  if (edge) {
    name = document_->insertNodeOnEdge(defaultNode(kind), scene_pos, edge->from()->name(), edge->to()->name());
  } else {
    name = document_->addNode(defaultNode(kind), scene_pos);
  }
  selectNode(name);
  return name;
}

void GraphScene::deleteSelection(bool reconnect) {
  QStringList names;
  QList<QPair<QString, QString>> edges;
  for (QGraphicsItem* item : selectedItems()) {
    if (auto* node = qgraphicsitem_cast<NodeItem*>(item)) names << node->name();
    if (auto* edge = qgraphicsitem_cast<EdgeItem*>(item)) edges.append({edge->from()->name(), edge->to()->name()});
  }
  document_->removeElements(names, edges, reconnect);
}

double GraphScene::portGrabRadius() const {
  double zoom = 1;
  for (const QGraphicsView* view : views()) zoom = std::min(zoom, std::abs(view->transform().m11()));
  return std::max(NodeItem::kPortRadius + 4, kPortGrabPixels / std::max(zoom, 0.05));
}

NodeItem* GraphScene::nodeAt(QPointF scene_pos) const {
  for (QGraphicsItem* item : items(scene_pos)) {
    if (auto* node = qgraphicsitem_cast<NodeItem*>(item)) return node;
  }
  return nullptr;
}

EdgeItem* GraphScene::edgeAt(QPointF scene_pos) const {
  for (QGraphicsItem* item : items(scene_pos)) {
    if (qgraphicsitem_cast<NodeItem*>(item)) return nullptr;  // a node covers the edge
    if (auto* edge = qgraphicsitem_cast<EdgeItem*>(item)) return edge;
  }
  return nullptr;
}

void GraphScene::setDropTarget(EdgeItem* edge) {
  if (drop_target_ == edge) return;
  if (drop_target_) drop_target_->setDropHighlight(false);
  drop_target_ = edge;
  if (drop_target_) drop_target_->setDropHighlight(true);
}

void GraphScene::dragEnterEvent(QGraphicsSceneDragDropEvent* event) {
  event->setAccepted(event->mimeData()->hasFormat(kNodeKindMimeType));
}

void GraphScene::dragMoveEvent(QGraphicsSceneDragDropEvent* event) {
  if (!event->mimeData()->hasFormat(kNodeKindMimeType)) {
    event->ignore();
    return;
  }
  setDropTarget(edgeAt(event->scenePos()));
  event->acceptProposedAction();
}

void GraphScene::dragLeaveEvent(QGraphicsSceneDragDropEvent* event) {
  setDropTarget(nullptr);
  event->accept();
}

void GraphScene::dropEvent(QGraphicsSceneDragDropEvent* event) {
  setDropTarget(nullptr);
  const auto kind = nodeKindFromString(QString::fromUtf8(event->mimeData()->data(kNodeKindMimeType)).toStdString());
  if (!kind) {
    event->ignore();
    return;
  }
  dropKind(*kind, event->scenePos());
  event->acceptProposedAction();
}

NodeItem* GraphScene::portAt(QPointF scene_pos, bool* output) const {
  const double grab = portGrabRadius();
  NodeItem* best = nullptr;
  double best_distance = 0;
  for (QGraphicsItem* item : items(QRectF(scene_pos - QPointF(grab, grab), QSizeF(2 * grab, 2 * grab)))) {
    auto* node = qgraphicsitem_cast<NodeItem*>(item);
    if (!node) continue;
    for (const bool is_output : {true, false}) {
      if (!is_output && !node->isOnInputPort(scene_pos, grab)) continue;
      if (is_output && !node->isOnOutputPort(scene_pos, grab)) continue;
      const double distance =
          QLineF(scene_pos, is_output ? node->outputPortScenePos() : node->inputPortScenePos()).length();
      if (!best || distance < best_distance) {
        best = node;
        best_distance = distance;
        *output = is_output;
      }
    }
  }
  return best;
}

void GraphScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  if (event->button() == Qt::LeftButton) {
    bool on_output = true;
    if (NodeItem* node = portAt(event->scenePos(), &on_output)) {
      connect_from_ = node;
      connect_from_output_ = on_output;
      const QPointF start = on_output ? node->outputPortScenePos() : node->inputPortScenePos();
      connect_line_ = addLine(QLineF(start, event->scenePos()), QPen(QColor(0x1e, 0x63, 0xd6), 2, Qt::DashLine));
      connect_line_->setZValue(3);
      event->accept();
      return;
    }
  }
  QGraphicsScene::mousePressEvent(event);
}

void GraphScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
  if (connect_line_) {
    QLineF line = connect_line_->line();
    line.setP2(event->scenePos());
    connect_line_->setLine(line);
    event->accept();
    return;
  }
  QGraphicsScene::mouseMoveEvent(event);
}

void GraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
  if (connect_line_) {
    delete connect_line_;
    connect_line_ = nullptr;
    NodeItem* target = nodeAt(event->scenePos());
    NodeItem* source = connect_from_;
    connect_from_ = nullptr;
    if (target && target != source) {
      if (connect_from_output_) {
        document_->connectNodes(source->name(), target->name());
      } else {
        document_->connectNodes(target->name(), source->name());
      }
    }
    event->accept();
    return;
  }
  QGraphicsScene::mouseReleaseEvent(event);
  // A finished drag of nodes becomes one undoable move.
  NodePositions moved;
  for (auto it = nodes_.begin(); it != nodes_.end(); ++it) {
    if (it.value()->pos() != document_->position(it.key())) moved.insert(it.key(), it.value()->pos());
  }
  if (!moved.isEmpty()) document_->moveNodes(moved);
}

}  // namespace tinyforge
