#pragma once
// Copy and paste of layers and blocks: the selected nodes with the edges between them and
// their places on the canvas, as a graph JSON fragment (so that the clipboard also holds
// readable text). Pasting adds copies with fresh names as one undo step.

#include <QPointF>
#include <QStringList>

class QMimeData;

namespace tinyforge {

class GraphDocument;

inline constexpr const char* kNodesMimeType = "application/x-tinyforge-nodes";

// The nodes `names` of `document` (unknown names are skipped). The caller owns the result.
QMimeData* copyNodes(const GraphDocument& document, const QStringList& names);

// Pastes what copyNodes put on a clipboard, centred on `at` (moved right until it overlaps
// no node); returns the new nodes' names (none when `data` holds no layers).
QStringList pasteNodes(GraphDocument& document, const QMimeData* data, QPointF at);

}  // namespace tinyforge
