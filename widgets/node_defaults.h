#pragma once
// The node a user gets when dropping a kind from the palette: sensible MCU-sized defaults.

#include <QString>

#include "core/graph/graph.h"

namespace tinyforge {

Node defaultNode(NodeKind kind);
// Short lower-case stem used to name new nodes ("conv", "dw", "ds"...).
QString nameStem(NodeKind kind);
// The kinds the palette offers, layers first, then block templates.
std::vector<NodeKind> paletteLayerKinds();
std::vector<NodeKind> paletteBlockKinds();
// The kind's display name in the user's language.
QString displayName(NodeKind kind);
// Number of activation inputs the kind takes (-1 = two or more).
int inputArity(NodeKind kind);

}  // namespace tinyforge
