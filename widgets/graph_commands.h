#pragma once
// Undo commands over a GraphDocument. A structural edit stores the graph before and after
// (a graph of a few hundred nodes copies in microseconds), which makes every edit exactly
// reversible, renames and block parameters included.

#include <QUndoCommand>

#include "widgets/graph_document.h"

namespace tinyforge {

class GraphSnapshotCommand : public QUndoCommand {
 public:
  // merge_id >= 0 with the same merge_key merges consecutive edits (typing in a field).
  GraphSnapshotCommand(GraphDocument* document, const QString& text, Graph before, NodePositions before_positions,
                       Graph after, NodePositions after_positions, int merge_id = -1, QString merge_key = {});
  void undo() override;
  void redo() override;
  int id() const override { return merge_id_; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  GraphDocument* document_;
  Graph before_, after_;
  NodePositions before_positions_, after_positions_;
  int merge_id_;
  QString merge_key_;
};

class MoveNodesCommand : public QUndoCommand {
 public:
  MoveNodesCommand(GraphDocument* document, NodePositions before, NodePositions after);
  void undo() override;
  void redo() override;

 private:
  GraphDocument* document_;
  NodePositions before_, after_;
};

}  // namespace tinyforge
