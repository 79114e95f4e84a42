#include "core/estimate/memory_layout.h"

#include "core/boards/board_library.h"
#include "core/model/tensor_model.h"
#include "core/runtime/offline_plan.h"

namespace tinyforge {
namespace {

void dropOfflinePlan(Graph& graph) {
  for (Node& node : graph.nodes) node.offline_offset_bytes = -1;
}

std::string bytesText(int64_t bytes) { return std::to_string(bytes) + " B"; }

ArmIsa armIsaOf(const Board& board) {
  switch (board.isa) {
    case IsaClass::Dsp: return ArmIsa::Dsp;
    case IsaClass::Mve: return ArmIsa::Mve;
    case IsaClass::Scalar: return ArmIsa::None;
  }
  return ArmIsa::Dsp;
}

// The estimate's rows follow the order it estimated: the expanded graph (blocks written
// out as layers) with its nodes in that order.
Graph inEstimatedOrder(const ShapedGraph& shaped, const Estimate& estimate) {
  Graph graph = shaped.expanded;
  graph.nodes.clear();
  for (const LayerEstimate& layer : estimate.layers) graph.nodes.push_back(*shaped.expanded.find(layer.name));
  return graph;
}

void reorder(MemoryLayout& layout, const Estimator& estimator, const std::string& board, RuntimeKind runtime,
             MemoryPlanner planner) {
  EstimatorSettings settings = estimator.settings();
  settings.planner = planner;
  settings.reorder = true;
  const Estimator reordering(estimator.sharedBoards(), settings);
  const ShapedGraph shaped = inferShapes(layout.graph);
  const Estimate e = reordering.estimate(shaped, board, runtime);
  const ReorderSummary& r = e.reorder;
  if (!r.changed) {
    layout.notes.push_back("operator order kept: no order has a smaller peak than its " + bytesText(r.peak_bytes) +
                           (r.exact ? " (exhaustive search)" : " (beam search)"));
    return;
  }
  layout.graph = inEstimatedOrder(shaped, e);
  dropOfflinePlan(layout.graph);  // made for the old order
  layout.reordered = true;
  layout.notes.push_back("operators reordered for " + e.board_id + ": peak " + bytesText(r.original_peak_bytes) +
                         " -> " + bytesText(r.peak_bytes) + " (saves " + bytesText(r.saved_bytes()) + ", " +
                         (r.exact ? "the least of all orders" : "beam search") + ")");
}

void plan(MemoryLayout& layout, const Estimator& estimator, const std::string& board_id, RuntimeKind runtime,
          bool force) {
  const Board& board = estimator.boards().get(board_id);
  dropOfflinePlan(layout.graph);
  const ShapedGraph shaped = inferShapes(layout.graph);
  const TensorModel model = lower(shaped);
  RuntimeEstimate best;
  makeRuntimeModel(toString(runtime), armIsaOf(board), MemoryPlanner::Best)->estimate(RuntimeInput{&shaped, &model, 0}, best);
  const std::string figures = "head " + bytesText(best.offline_head_bytes) + "; TFLM's own plan " +
                              bytesText(best.greedy_head_bytes) + ", lower bound " +
                              bytesText(best.head_lower_bound_bytes);
  if (!best.offline_plan_used && !force) {
    layout.notes.push_back("TFLM's own arena plan is as small as the best plan on " + board.id + " (" + figures +
                           "): no offline plan written");
    return;
  }
  checkOfflinePlan(shaped, model, best.offline_offsets_bytes);  // verified before it is kept
  layout.graph = shaped.expanded;  // layer by layer, in execution order: tensor.layer indexes it
  for (size_t t = 0; t < model.tensors.size(); ++t) {
    const TensorInfo& tensor = model.tensors[t];
    if (tensor.is_constant || best.offline_offsets_bytes[t] < 0) continue;
    layout.graph.nodes[static_cast<size_t>(tensor.layer)].offline_offset_bytes = best.offline_offsets_bytes[t];
  }
  layout.offline_plan = true;
  layout.notes.push_back("the best arena plan for " + board.id +
                         " is written into the model as OfflineMemoryAllocation metadata (" + figures + ")");
}

}  // namespace

MemoryLayout layOutMemory(const Graph& graph, const Estimator& estimator, const std::string& board,
                          RuntimeKind runtime, const MemoryLayoutOptions& options) {
  MemoryLayout layout;
  layout.graph = graph;
  const bool tflm = runtime == RuntimeKind::Tflm || runtime == RuntimeKind::TflmCmsis;
  const MemoryPlanner planner = tflm ? options.planner : MemoryPlanner::Greedy;
  if (options.reorder) reorder(layout, estimator, board, runtime, planner);
  if (tflm && (options.planner == MemoryPlanner::Best || options.force_offline_plan))
    plan(layout, estimator, board, runtime, options.force_offline_plan);
  return layout;
}

}  // namespace tinyforge
