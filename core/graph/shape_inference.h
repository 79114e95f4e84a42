#pragma once
// Expands blocks, orders the layers for execution and infers every tensor shape.
// Every problem is reported as a GraphError that names the node and the mismatch.

#include <stdexcept>
#include <string>
#include <vector>

#include "core/graph/graph.h"
#include "core/graph/name_in_message.h"

namespace tinyforge {

class GraphError : public std::runtime_error {
 public:
  GraphError(std::string node, const std::string& message)
      : std::runtime_error(node.empty() ? message : "layer '" + nameInMessage(node) + "': " + message), node_(std::move(node)) {}
  const std::string& node() const { return node_; }

 private:
  std::string node_;
};

struct ShapedLayer {
  std::vector<int> inputs;                        // indices of producing layers
  std::vector<std::vector<int32_t>> input_shapes;
  std::vector<int32_t> output_shape;
};

// Block templates are expanded while shapes are inferred (their layers depend on the input
// channel count) into layers named "<block>/<part>" with Node::block = the block's name.
struct ShapedGraph {
  Graph expanded;                 // blocks expanded, layers in execution order
  std::vector<ShapedLayer> layers;  // parallel to expanded.nodes
  const Node& node(int layer) const { return expanded.nodes[static_cast<size_t>(layer)]; }
  std::vector<int> outputs;       // indices of the graph's output layers
};

// Throws GraphError on: duplicate or empty names, unknown inputs, cycles, wrong input
// counts, non-positive sizes, kernels larger than the (padded) input, mismatched Add or
// Concatenation shapes, Reshape element-count changes, etc.
ShapedGraph inferShapes(const Graph& graph);
// The same into `out`, reusing its storage: repeated calls (an estimate on every edit)
// allocate little. On an error `out` is left in an unspecified but valid state.
void inferShapes(const Graph& graph, ShapedGraph& out);

// Number of elements of a shape.
int64_t elementsOf(const std::vector<int32_t>& shape);

}  // namespace tinyforge
