#include "widgets/graph_analysis.h"

namespace tinyforge {

GraphAnalysis analyzeGraph(const Graph& graph) {
  GraphAnalysis analysis;
  if (graph.nodes.empty()) return analysis;
  try {
    analysis.shaped = inferShapes(graph);
  } catch (const GraphError& error) {
    analysis.error = error.what();
    analysis.error_node = error.node();
    // A block's expanded layer is named "<block>/<part>": point at the node the user drew.
    const auto slash = analysis.error_node.find('/');
    if (slash != std::string::npos && !graph.find(analysis.error_node)) {
      analysis.error_node = analysis.error_node.substr(0, slash);
    }
    return analysis;
  } catch (const std::exception& error) {
    analysis.error = error.what();
    return analysis;
  }
  analysis.costs = layerCosts(*analysis.shaped);
  const ShapedGraph& shaped = *analysis.shaped;
  for (size_t i = 0; i < shaped.layers.size(); ++i) {
    const Node& layer = shaped.expanded.nodes[i];
    const std::string& owner = layer.block.empty() ? layer.name : layer.block;
    NodeAnalysis& node = analysis.nodes[owner];
    node.macs += analysis.costs[i].macs;
    node.params += analysis.costs[i].params();
    // The last expanded layer of a block produces the block's output.
    node.output_shape = shaped.layers[i].output_shape;
    analysis.total_macs += analysis.costs[i].macs;
    analysis.total_params += analysis.costs[i].params();
  }
  return analysis;
}

}  // namespace tinyforge
