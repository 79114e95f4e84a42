#pragma once
// What the canvas and the inspector show about a graph: each node's output shape and
// MACs, the node that breaks shape inference, and the nodes not connected to an input.
// Computed once per edit and shared.
//
// A layer that is not connected (just dropped, or cut off by a deleted edge) is left out
// of the figures and marked, rather than blanking them all: the figures are those of the
// model connected to the inputs.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/cost/layer_cost.h"
#include "core/graph/graph.h"
#include "core/graph/shape_inference.h"

namespace tinyforge {

struct NodeAnalysis {
  std::vector<int32_t> output_shape;  // empty when shape inference failed before this node
  int64_t macs = 0;                   // a block sums the layers it expands into
  int64_t params = 0;
  bool dangling = false;              // not connected to an input: left out of the figures
};

struct GraphAnalysis {
  std::optional<ShapedGraph> shaped;      // the connected model; empty when it does not shape-check
  std::vector<LayerCost> costs;           // parallel to shaped->layers
  std::unordered_map<std::string, NodeAnalysis> nodes;
  std::vector<std::string> dangling;      // nodes not connected to an input, in graph order
  std::string error;                      // GraphError message, empty when the graph is valid
  std::string error_node;                 // the node the error names (may be empty)
  int64_t total_macs = 0;
  int64_t total_params = 0;
  bool ok() const { return shaped.has_value(); }
  bool hasLayers() const;                 // the connected model has more than its inputs
};

GraphAnalysis analyzeGraph(const Graph& graph);

// The nodes with no path from an Input: those without inputs, with an input that does not
// exist, or fed (directly or not) by such a node.
std::vector<std::string> danglingNodes(const Graph& graph);

}  // namespace tinyforge
