#pragma once
// The document the studio edits: a Graph plus where each node sits on the canvas.
// Every edit goes through the undo stack as a command; views only read the document and
// follow its signals, so undo/redo and loading a file refresh everything the same way.

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QStringList>
#include <QUndoStack>

#include "core/graph/graph.h"
#include "widgets/graph_analysis.h"

namespace tinyforge {

using NodePositions = QHash<QString, QPointF>;

class GraphDocument : public QObject {
  Q_OBJECT

 public:
  explicit GraphDocument(QObject* parent = nullptr);

  const Graph& graph() const { return graph_; }
  const NodePositions& positions() const { return positions_; }
  QPointF position(const QString& name) const { return positions_.value(name); }
  const GraphAnalysis& analysis() const { return analysis_; }
  QUndoStack* undoStack() { return &undo_stack_; }

  // Replaces the whole document (open, new): not undoable, clears the undo history.
  // Nodes without a position are placed by autoLayout().
  void reset(const Graph& graph, const NodePositions& positions = {});

  // Undoable edits. Each pushes one command.
  QString addNode(Node node, QPointF position);  // returns the (unique) name given
  // Puts `node` between `from` and `to` (to's input from -> node, node's input from). The
  // node takes `to`'s place and `to` with everything below it moves down a row, so that
  // no two nodes overlap.
  QString insertNodeOnEdge(Node node, QPointF position, const QString& from, const QString& to);
  // Adds copies of `nodes` (a clipboard's) as one undo step: names made unique, edges
  // between them kept, inputs from nodes not among them dropped. Returns the new names.
  QStringList addNodes(std::vector<Node> nodes, const QList<QPointF>& positions);
  void removeNodes(const QStringList& names, bool reconnect = false) { removeElements(names, {}, reconnect); }
  // Deletes nodes (with their edges) and edges (producer, consumer) as one undo step.
  // With `reconnect`, a deleted layer's input is connected to the layers it fed, for each
  // of them whose shapes still check (the rest are left without that input).
  void removeElements(const QStringList& names, const QList<QPair<QString, QString>>& edges, bool reconnect = false);
  bool connectNodes(const QString& from, const QString& to);  // false if it would be a duplicate or self edge
  void disconnectNodes(const QString& from, const QString& to);
  // Replaces a node's properties; a rename updates the edges and outputs that refer to it.
  // `field` names the edited property so consecutive edits of it merge into one undo step.
  void setNode(const QString& name, const Node& node, const QString& field = {});
  void moveNodes(const NodePositions& new_positions);
  void autoLayout();
  void setGraphName(const QString& name);

  QString uniqueName(const QString& stem) const;

  // Used by the undo commands only.
  void applySnapshot(const Graph& graph, const NodePositions& positions);
  void applyPositions(const NodePositions& positions);

 Q_SIGNALS:
  void graphChanged();      // nodes, edges or properties changed; analysis() is fresh
  void positionsChanged();  // only positions changed

 private:
  void pushSnapshot(const QString& text, const Graph& after, const NodePositions& after_positions,
                    int merge_id = -1, const QString& merge_key = {});
  void reanalyze();

  Graph graph_;
  NodePositions positions_;
  GraphAnalysis analysis_;
  QUndoStack undo_stack_;
};

// Layered layout: each node one row below its deepest input, siblings side by side.
NodePositions layeredLayout(const Graph& graph);

}  // namespace tinyforge
