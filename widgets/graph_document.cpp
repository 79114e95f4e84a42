#include "widgets/graph_document.h"

#include <algorithm>
#include <map>

#include "widgets/graph_commands.h"
#include "widgets/node_defaults.h"

namespace tinyforge {
namespace {

constexpr int kSetNodeMergeId = 1;
constexpr double kColumnSpacing = 220.0;
constexpr double kRowSpacing = 110.0;

void renameReferences(Graph& graph, const std::string& from, const std::string& to) {
  for (Node& node : graph.nodes) {
    for (std::string& input : node.inputs) {
      if (input == from) input = to;
    }
  }
  for (std::string& output : graph.outputs) {
    if (output == from) output = to;
  }
}

}  // namespace

GraphDocument::GraphDocument(QObject* parent) : QObject(parent) {}

void GraphDocument::reset(const Graph& graph, const NodePositions& positions) {
  undo_stack_.clear();
  graph_ = graph;
  positions_ = positions;
  bool missing = false;
  for (const Node& node : graph_.nodes) missing |= !positions_.contains(QString::fromStdString(node.name));
  if (missing) positions_ = layeredLayout(graph_);
  reanalyze();
  Q_EMIT graphChanged();
  undo_stack_.setClean();
}

QString GraphDocument::uniqueName(const QString& stem) const {
  for (int i = 1;; ++i) {
    const QString candidate = stem + QString::number(i);
    if (!graph_.find(candidate.toStdString())) return candidate;
  }
}

QString GraphDocument::addNode(Node node, QPointF position) {
  if (node.name.empty() || graph_.find(node.name)) node.name = uniqueName(nameStem(node.kind)).toStdString();
  const QString name = QString::fromStdString(node.name);
  Graph after = graph_;
  after.nodes.push_back(std::move(node));
  NodePositions after_positions = positions_;
  after_positions.insert(name, position);
  pushSnapshot(tr("Add %1").arg(name), after, after_positions);
  return name;
}

QString GraphDocument::insertNodeOnEdge(Node node, QPointF position, const QString& from, const QString& to) {
  if (node.name.empty() || graph_.find(node.name)) node.name = uniqueName(nameStem(node.kind)).toStdString();
  const QString name = QString::fromStdString(node.name);
  Graph after = graph_;
  Node* consumer = after.find(to.toStdString());
  if (!consumer) return addNode(std::move(node), position);
  node.inputs = {from.toStdString()};
  for (std::string& input : consumer->inputs) {
    if (input == from.toStdString()) input = node.name;
  }
  after.nodes.push_back(std::move(node));
  NodePositions after_positions = positions_;
  after_positions.insert(name, position);
  pushSnapshot(tr("Insert %1").arg(name), after, after_positions);
  return name;
}

void GraphDocument::removeElements(const QStringList& names, const QList<QPair<QString, QString>>& edges) {
  if (names.isEmpty() && edges.isEmpty()) return;
  Graph after = graph_;
  NodePositions after_positions = positions_;
  for (const auto& [from, to] : edges) {
    if (Node* consumer = after.find(to.toStdString())) std::erase(consumer->inputs, from.toStdString());
  }
  for (const QString& name : names) {
    const std::string doomed = name.toStdString();
    std::erase_if(after.nodes, [&](const Node& n) { return n.name == doomed; });
    for (Node& node : after.nodes) std::erase(node.inputs, doomed);
    std::erase(after.outputs, doomed);
    after_positions.remove(name);
  }
  QString text;
  if (names.isEmpty()) {
    text = tr("Disconnect %n edge(s)", nullptr, int(edges.size()));
  } else {
    text = names.size() == 1 ? tr("Delete %1").arg(names.front()) : tr("Delete %n node(s)", nullptr, int(names.size()));
  }
  pushSnapshot(text, after, after_positions);
}

bool GraphDocument::connectNodes(const QString& from, const QString& to) {
  if (from == to) return false;
  Graph after = graph_;
  Node* consumer = after.find(to.toStdString());
  if (!consumer || !graph_.find(from.toStdString()) || consumer->kind == NodeKind::Input) return false;
  if (std::find(consumer->inputs.begin(), consumer->inputs.end(), from.toStdString()) != consumer->inputs.end()) {
    return false;
  }
  // A single-input layer gets its input replaced rather than a second one it cannot take.
  if (inputArity(consumer->kind) == 1) consumer->inputs.clear();
  consumer->inputs.push_back(from.toStdString());
  pushSnapshot(tr("Connect %1 to %2").arg(from, to), after, positions_);
  return true;
}

void GraphDocument::disconnectNodes(const QString& from, const QString& to) {
  Graph after = graph_;
  Node* consumer = after.find(to.toStdString());
  if (!consumer) return;
  std::erase(consumer->inputs, from.toStdString());
  pushSnapshot(tr("Disconnect %1 from %2").arg(from, to), after, positions_);
}

void GraphDocument::setNode(const QString& name, const Node& node, const QString& field) {
  Graph after = graph_;
  Node* target = after.find(name.toStdString());
  if (!target || *target == node) return;
  NodePositions after_positions = positions_;
  const std::string new_name = node.name;
  *target = node;
  if (new_name != name.toStdString()) {
    renameReferences(after, name.toStdString(), new_name);
    after_positions.insert(QString::fromStdString(new_name), after_positions.take(name));
  }
  // Renames never merge: the merge key follows the node's name.
  pushSnapshot(tr("Edit %1").arg(name), after, after_positions, field.isEmpty() ? -1 : kSetNodeMergeId,
               name + QLatin1Char('/') + field);
}

void GraphDocument::setGraphName(const QString& name) {
  if (name.toStdString() == graph_.name) return;
  Graph after = graph_;
  after.name = name.toStdString();
  pushSnapshot(tr("Rename model"), after, positions_);
}

void GraphDocument::moveNodes(const NodePositions& new_positions) {
  NodePositions before, after;
  for (auto it = new_positions.begin(); it != new_positions.end(); ++it) {
    if (!positions_.contains(it.key()) || positions_.value(it.key()) == it.value()) continue;
    before.insert(it.key(), positions_.value(it.key()));
    after.insert(it.key(), it.value());
  }
  if (after.isEmpty()) return;
  undo_stack_.push(new MoveNodesCommand(this, before, after));
}

void GraphDocument::autoLayout() {
  NodePositions before = positions_;
  NodePositions after = layeredLayout(graph_);
  if (after == before) return;
  undo_stack_.push(new MoveNodesCommand(this, before, after));
}

void GraphDocument::applySnapshot(const Graph& graph, const NodePositions& positions) {
  graph_ = graph;
  positions_ = positions;
  reanalyze();
  Q_EMIT graphChanged();
}

void GraphDocument::applyPositions(const NodePositions& positions) {
  for (auto it = positions.begin(); it != positions.end(); ++it) positions_.insert(it.key(), it.value());
  Q_EMIT positionsChanged();
}

void GraphDocument::pushSnapshot(const QString& text, const Graph& after, const NodePositions& after_positions,
                                 int merge_id, const QString& merge_key) {
  undo_stack_.push(new GraphSnapshotCommand(this, text, graph_, positions_, after, after_positions, merge_id, merge_key));
}

void GraphDocument::reanalyze() { analysis_ = analyzeGraph(graph_); }

NodePositions layeredLayout(const Graph& graph) {
  // Depth = longest path from a source; cycles (an invalid graph) are cut by the depth cap.
  std::map<std::string, int> depth;
  for (const Node& node : graph.nodes) depth[node.name] = 0;
  const int cap = static_cast<int>(graph.nodes.size());
  for (int pass = 0; pass < cap; ++pass) {
    bool changed = false;
    for (const Node& node : graph.nodes) {
      for (const std::string& input : node.inputs) {
        auto it = depth.find(input);
        if (it == depth.end()) continue;
        const int wanted = std::min(it->second + 1, cap);
        if (depth[node.name] < wanted) {
          depth[node.name] = wanted;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  std::map<int, std::vector<std::string>> rows;
  for (const Node& node : graph.nodes) rows[depth[node.name]].push_back(node.name);
  NodePositions positions;
  for (const auto& [row, names] : rows) {
    const double width = (static_cast<double>(names.size()) - 1) * kColumnSpacing;
    for (size_t i = 0; i < names.size(); ++i) {
      positions.insert(QString::fromStdString(names[i]),
                       QPointF(-width / 2 + static_cast<double>(i) * kColumnSpacing, row * kRowSpacing));
    }
  }
  return positions;
}

}  // namespace tinyforge
