#include "widgets/graph_commands.h"

namespace tinyforge {

GraphSnapshotCommand::GraphSnapshotCommand(GraphDocument* document, const QString& text, Graph before,
                                           NodePositions before_positions, Graph after, NodePositions after_positions,
                                           int merge_id, QString merge_key)
    : QUndoCommand(text),
      document_(document),
      before_(std::move(before)),
      after_(std::move(after)),
      before_positions_(std::move(before_positions)),
      after_positions_(std::move(after_positions)),
      merge_id_(merge_id),
      merge_key_(std::move(merge_key)) {}

void GraphSnapshotCommand::undo() { document_->applySnapshot(before_, before_positions_); }
void GraphSnapshotCommand::redo() { document_->applySnapshot(after_, after_positions_); }

bool GraphSnapshotCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = dynamic_cast<const GraphSnapshotCommand*>(other);
  if (!next || merge_id_ < 0 || next->merge_key_ != merge_key_) return false;
  after_ = next->after_;
  after_positions_ = next->after_positions_;
  return true;
}

MoveNodesCommand::MoveNodesCommand(GraphDocument* document, NodePositions before, NodePositions after)
    : QUndoCommand(QObject::tr("Move %n node(s)", nullptr, static_cast<int>(after.size()))),
      document_(document),
      before_(std::move(before)),
      after_(std::move(after)) {}

void MoveNodesCommand::undo() { document_->applyPositions(before_); }
void MoveNodesCommand::redo() { document_->applyPositions(after_); }

}  // namespace tinyforge
