#include "widgets/graph_document.h"

#include <algorithm>
#include <map>
#include <set>

#include "widgets/graph_commands.h"
#include "widgets/node_defaults.h"
#include "widgets/node_item.h"

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

// Every node fed, directly or not, by one of `roots` (the roots included).
std::set<std::string> downstreamOf(const Graph& graph, const std::set<std::string>& roots) {
  std::set<std::string> reached = roots;
  for (bool grew = true; grew;) {
    grew = false;
    for (const Node& node : graph.nodes) {
      if (reached.count(node.name)) continue;
      for (const std::string& input : node.inputs)
        if (reached.count(input)) {
          reached.insert(node.name);
          grew = true;
          break;
        }
    }
  }
  return reached;
}

bool bodiesOverlap(QPointF a, QPointF b) {
  constexpr double kGap = 8;
  return std::abs(a.x() - b.x()) < NodeItem::kWidth + kGap && std::abs(a.y() - b.y()) < NodeItem::kHeight + kGap;
}

// Moves `moved` nodes (and what they feed) down a row at a time until none overlaps a
// node that stayed; nodes pushed into others push those along.
void pushDownOverlaps(const Graph& graph, NodePositions& positions, std::set<std::string> moved) {
  const std::set<std::string> everything = [&] {
    std::set<std::string> all;
    for (const Node& node : graph.nodes) all.insert(node.name);
    return all;
  }();
  for (size_t round = 0; round < graph.nodes.size(); ++round) {
    std::set<std::string> hit;
    for (const std::string& m : moved)
      for (const std::string& other : everything) {
        if (moved.count(other)) continue;
        if (bodiesOverlap(positions.value(QString::fromStdString(m)), positions.value(QString::fromStdString(other))))
          hit.insert(other);
      }
    if (hit.empty()) return;
    const std::set<std::string> pushed = downstreamOf(graph, hit);
    for (const std::string& name : pushed) {
      if (moved.count(name)) continue;
      const QString key = QString::fromStdString(name);
      positions.insert(key, positions.value(key) + QPointF(0, kRowSpacing));
      moved.insert(name);
    }
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
  // The new node takes the consumer's place; the consumer and what it feeds move down.
  NodePositions after_positions = positions_;
  const QPointF place = positions_.contains(to) ? positions_.value(to) : position;
  after_positions.insert(name, place);
  const std::set<std::string> below = downstreamOf(graph_, {to.toStdString()});
  std::set<std::string> moved = below;
  moved.insert(name.toStdString());
  for (const std::string& n : below) {
    const QString key = QString::fromStdString(n);
    after_positions.insert(key, after_positions.value(key) + QPointF(0, kRowSpacing));
  }
  pushDownOverlaps(after, after_positions, moved);
  pushSnapshot(tr("Insert %1").arg(name), after, after_positions);
  return name;
}

QStringList GraphDocument::addNodes(std::vector<Node> nodes, const QList<QPointF>& positions) {
  if (nodes.empty()) return {};
  Graph after = graph_;
  NodePositions after_positions = positions_;
  std::map<std::string, std::string> renamed;
  QStringList names;
  for (Node& node : nodes) {
    std::string name = node.name;
    const auto taken = [&](const std::string& n) {
      return n.empty() || after.find(n) != nullptr || std::any_of(renamed.begin(), renamed.end(), [&](const auto& r) { return r.second == n; });
    };
    if (taken(name)) {
      QString stem = QString::fromStdString(name);
      while (!stem.isEmpty() && stem.back().isDigit()) stem.chop(1);
      if (stem.isEmpty()) stem = nameStem(node.kind);
      for (int i = 1; taken(name); ++i) name = (stem + QString::number(i)).toStdString();
    }
    renamed[node.name] = name;
    node.name = name;
  }
  for (size_t i = 0; i < nodes.size(); ++i) {
    Node& node = nodes[i];
    std::vector<std::string> inputs;
    for (const std::string& input : node.inputs)
      if (auto it = renamed.find(input); it != renamed.end()) inputs.push_back(it->second);
    node.inputs = inputs;
    const QString name = QString::fromStdString(node.name);
    names << name;
    after_positions.insert(name, i < static_cast<size_t>(positions.size()) ? positions[static_cast<qsizetype>(i)] : QPointF());
    after.nodes.push_back(std::move(node));
  }
  pushSnapshot(names.size() == 1 ? tr("Paste %1").arg(names.front()) : tr("Paste %n node(s)", nullptr, int(names.size())),
               after, after_positions);
  return names;
}

void GraphDocument::removeElements(const QStringList& names, const QList<QPair<QString, QString>>& edges,
                                   bool reconnect) {
  if (names.isEmpty() && edges.isEmpty()) return;
  Graph after = graph_;
  NodePositions after_positions = positions_;
  for (const auto& [from, to] : edges) {
    if (Node* consumer = after.find(to.toStdString())) std::erase(consumer->inputs, from.toStdString());
  }
  std::set<std::string> doomed;
  for (const QString& name : names) doomed.insert(name.toStdString());
  // What a deleted layer's consumers read instead: its only input, followed through
  // other deleted single-input layers.
  std::map<std::string, std::string> replacement;
  if (reconnect) {
    for (const std::string& name : doomed) {
      const Node* node = graph_.find(name);
      std::string source = name;
      for (size_t hops = 0; node && node->inputs.size() == 1 && doomed.count(source) && hops <= graph_.nodes.size(); ++hops) {
        source = node->inputs.front();
        node = graph_.find(source);
      }
      if (!doomed.count(source) && graph_.find(source)) replacement[name] = source;
    }
  }
  std::vector<std::pair<std::string, std::string>> reconnected;  // consumer, deleted layer it read
  for (Node& node : after.nodes) {
    if (doomed.count(node.name)) continue;
    std::vector<std::string> inputs;
    for (const std::string& input : node.inputs) {
      if (!doomed.count(input)) {
        inputs.push_back(input);
      } else if (auto it = replacement.find(input); it != replacement.end() &&
                 std::find(inputs.begin(), inputs.end(), it->second) == inputs.end()) {
        inputs.push_back(it->second);
        reconnected.push_back({node.name, input});
      }
    }
    node.inputs = inputs;
  }
  std::erase_if(after.nodes, [&](const Node& n) { return doomed.count(n.name) > 0; });
  std::erase_if(after.outputs, [&](const std::string& n) { return doomed.count(n) > 0; });
  for (const QString& name : names) after_positions.remove(name);
  // "Where the shapes allow": a reconnection that breaks its consumer's shapes is undone,
  // leaving that consumer without the input, as a plain delete would.
  for (size_t round = 0; round < reconnected.size(); ++round) {
    const GraphAnalysis check = analyzeGraph(after);
    const auto bad = std::find_if(reconnected.begin(), reconnected.end(),
                                  [&](const auto& r) { return r.first == check.error_node; });
    if (check.ok() || bad == reconnected.end()) break;
    if (Node* consumer = after.find(bad->first)) std::erase(consumer->inputs, replacement[bad->second]);
    reconnected.erase(bad);
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
