#include "widgets/graph_analysis.h"

#include <algorithm>
#include <unordered_set>

namespace tinyforge {

bool GraphAnalysis::hasLayers() const {
  if (!shaped) return false;
  return std::any_of(shaped->expanded.nodes.begin(), shaped->expanded.nodes.end(),
                     [](const Node& n) { return n.kind != NodeKind::Input; });
}

std::vector<std::string> danglingNodes(const Graph& graph) {
  std::unordered_set<std::string> connected;
  for (const Node& node : graph.nodes)
    if (node.kind == NodeKind::Input) connected.insert(node.name);
  // Grow the connected set until it stops; a pass per layer of depth at most.
  for (bool grew = true; grew;) {
    grew = false;
    for (const Node& node : graph.nodes) {
      if (connected.count(node.name) || node.inputs.empty()) continue;
      const bool fed = std::all_of(node.inputs.begin(), node.inputs.end(),
                                   [&](const std::string& input) { return connected.count(input) > 0; });
      if (fed) grew = connected.insert(node.name).second || grew;
    }
  }
  std::vector<std::string> dangling;
  for (const Node& node : graph.nodes)
    if (!connected.count(node.name)) dangling.push_back(node.name);
  return dangling;
}

GraphAnalysis analyzeGraph(const Graph& graph) {
  GraphAnalysis analysis;
  if (graph.nodes.empty()) return analysis;
  analysis.dangling = danglingNodes(graph);
  Graph connected_model;
  const Graph* model = &graph;
  if (!analysis.dangling.empty()) {
    const std::unordered_set<std::string> left_out(analysis.dangling.begin(), analysis.dangling.end());
    connected_model = graph;  // name and description too: they are in the .tflite's size
    std::erase_if(connected_model.nodes, [&](const Node& node) { return left_out.count(node.name) > 0; });
    std::erase_if(connected_model.outputs, [&](const std::string& output) { return left_out.count(output) > 0; });
    for (const std::string& name : analysis.dangling) analysis.nodes[name].dangling = true;
    model = &connected_model;
  }
  if (model->nodes.empty()) return analysis;
  try {
    analysis.shaped = inferShapes(*model);
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
    // The node on the canvas this layer belongs to: itself, or the block it expands from.
    // A graph of expanded layers (a search's int8 model) keeps their block names while
    // the blocks themselves are gone: such layers are their own nodes.
    const std::string& owner = layer.block.empty() || graph.find(layer.name) ? layer.name : layer.block;
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
