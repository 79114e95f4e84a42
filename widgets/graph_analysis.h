#pragma once
// What the canvas and the inspector show about a graph: each node's output shape and
// MACs, and the node that breaks shape inference. Computed once per edit and shared.

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
};

struct GraphAnalysis {
  std::optional<ShapedGraph> shaped;      // empty when the graph does not shape-check
  std::vector<LayerCost> costs;           // parallel to shaped->layers
  std::unordered_map<std::string, NodeAnalysis> nodes;
  std::string error;                      // GraphError message, empty when the graph is valid
  std::string error_node;                 // the node the error names (may be empty)
  int64_t total_macs = 0;
  int64_t total_params = 0;
  bool ok() const { return shaped.has_value(); }
};

GraphAnalysis analyzeGraph(const Graph& graph);

}  // namespace tinyforge
