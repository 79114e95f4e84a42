#include "core/estimate/estimate.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>

#include "core/boards/board_library.h"
#include "core/estimate/units.h"
#include "core/graph/graph_fingerprint.h"
#include "core/latency/latency_model.h"
#include "core/latency/runtime_latency.h"
#include "core/model/tensor_model.h"
#include "core/runtime/offline_plan.h"
#include "core/runtime/operator_order.h"
#include "core/runtime/runtime_model.h"
#include "core/runtime/tinyforge_c_runtime.h"
#include "core/tflite/tflite_writer.h"

namespace tinyforge {
namespace {

ArmIsa armIsaOf(const Board& board) {
  switch (board.isa) {
    case IsaClass::Dsp: return ArmIsa::Dsp;
    case IsaClass::Mve: return ArmIsa::Mve;
    case IsaClass::Scalar: return ArmIsa::None;
  }
  return ArmIsa::Dsp;
}

LatencyOp latencyOpOf(const ShapedGraph& graph, int layer, const LayerCost& cost) {
  const Node& node = graph.node(layer);
  const ShapedLayer& shaped = graph.layers[static_cast<size_t>(layer)];
  LatencyOp op;
  op.name = node.name;
  op.kind = node.kind;
  op.macs = static_cast<double>(cost.macs);
  const auto& out = shaped.output_shape;
  op.out_channels = out.empty() ? 0 : out.back();
  if (out.size() == 4) {
    op.out_h = out[1];
    op.out_w = out[2];
  }
  if (!shaped.input_shapes.empty()) {
    const auto& in = shaped.input_shapes[0];
    op.in_channels = in.empty() ? 0 : in.back();
    if (in.size() == 4) {
      op.in_h = in[1];
      op.in_w = in[2];
    }
  }
  op.kernel_h = node.kernel_h;
  op.kernel_w = node.kernel_w;
  op.stride = node.stride_h;
  op.output_elements = elementsOf(out);
  op.input_bytes = cost.input_bytes;
  op.output_bytes = cost.output_bytes;
  return op;
}

// BoardLibrary::find's match (the first board whose id equals, ignoring case) without
// its lower-cased copies; unknown ids go to get() for its error message.
const Board& boardOf(const BoardLibrary& boards, const std::string& id) {
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  for (const Board& board : boards.boards()) {
    if (board.id.size() != id.size()) continue;
    size_t i = 0;
    while (i < id.size() && lower(board.id[i]) == lower(id[i])) ++i;
    if (i == id.size()) return board;
  }
  return boards.get(id);
}

std::string overBy(const char* what, int64_t needed, int64_t budget) {
  return std::string(what) + ": needs " + formatBytes(needed) + " (" + std::to_string(needed) + " B), has " +
         formatBytes(budget) + " (" + std::to_string(budget) + " B), over by " + formatBytes(needed - budget);
}

}  // namespace

struct Estimator::Workspace {
  // One runtime model per (runtime, ISA): they keep work buffers between estimates.
  std::map<std::pair<RuntimeKind, ArmIsa>, std::unique_ptr<RuntimeModel>> runtimes;
  ShapedGraph reordered;               // the graph in the order reordering found
  std::vector<int64_t> scratch_per_op;
  // The graph of estimate(const Graph&) shaped, the lowered model and the costs: rebuilt
  // in place on every estimate, so their storage is reused.
  ShapedGraph shaped;
  TensorModel model;
  std::vector<LayerCost> costs;
  RuntimeEstimate memory;
  std::vector<LatencyOp> latency_ops;

  RuntimeModel& runtime(RuntimeKind kind, ArmIsa isa, MemoryPlanner planner, const PatchRequest& patches) {
    auto& slot = runtimes[{kind, isa}];
    if (!slot) {
      slot = makeRuntimeModel(toString(kind), isa, planner);
      if (auto* c = dynamic_cast<TinyforgeCRuntime*>(slot.get())) c->setPatches(patches);
    }
    if (!slot) throw std::invalid_argument(std::string("no runtime model named '") + toString(kind) + "'");
    return *slot;
  }
};

const char* toString(RuntimeKind runtime) {
  switch (runtime) {
    case RuntimeKind::Tflm: return "tflm";
    case RuntimeKind::TflmCmsis: return "tflm-cmsis";
    case RuntimeKind::TinyforgeC: return "tinyforge-c";
  }
  return "?";
}

std::optional<RuntimeKind> runtimeFromString(const std::string& text) {
  if (text == "inplace") return RuntimeKind::TinyforgeC;  // the former name of tinyforge-c's estimate
  for (RuntimeKind kind : {RuntimeKind::Tflm, RuntimeKind::TflmCmsis, RuntimeKind::TinyforgeC})
    if (text == toString(kind)) return kind;
  return std::nullopt;
}

const char* toString(ModelFlashSource source) {
  switch (source) {
    case ModelFlashSource::WrittenFile: return "tinyforge-writer";
    case ModelFlashSource::ImportedFile: return "imported-file";
    case ModelFlashSource::Weights: return "weights";
  }
  return "?";
}

const char* describe(ModelFlashSource source) {
  switch (source) {
    case ModelFlashSource::WrittenFile: return "as TinyForge would write it";
    case ModelFlashSource::ImportedFile: return "size of the imported file";
    case ModelFlashSource::Weights: return "constant data of the generated code";
  }
  return "?";
}

int64_t runtimeStaticSramBytes(RuntimeKind runtime) { return runtime == RuntimeKind::TinyforgeC ? 0 : 4096; }

Estimator::Estimator(std::shared_ptr<const BoardLibrary> boards, EstimatorSettings settings)
    : boards_(std::move(boards)), settings_(settings), workspace_(std::make_unique<Workspace>()) {}

Estimator::~Estimator() = default;

Estimate Estimator::estimate(const Graph& graph, const std::string& board_id, RuntimeKind runtime) const {
  inferShapes(graph, workspace_->shaped);
  return estimate(workspace_->shaped, board_id, runtime);
}

namespace {

// A plan a model carries (from an imported file) is replaced when the best planner plans
// anew, and stale once the operators run in another order.
void dropOfflinePlan(TensorModel& model) {
  for (TensorInfo& tensor : model.tensors) tensor.offline_offset_bytes = -1;
}

// Fields the runtimes without a planner choice leave alone.
void resetPlanFields(RuntimeEstimate& memory) {
  memory.planner = MemoryPlanner::Greedy;
  memory.head_lower_bound_bytes = memory.greedy_head_bytes = 0;
  memory.plan_optimal = false;
  memory.plan_method.clear();
  memory.offline_offsets_bytes.clear();
  memory.offline_head_bytes = 0;
  memory.offline_plan_used = false;
  memory.patch_plan.reset();
}

}  // namespace

Estimate Estimator::estimate(const ShapedGraph& input_graph, const std::string& board_id, RuntimeKind runtime) const {
  const Board& board = boardOf(*boards_, board_id);
  Workspace& work = *workspace_;
  RuntimeModel& runtime_model = work.runtime(runtime, armIsaOf(board), settings_.planner, settings_.patches);

  Estimate result;
  result.model = input_graph.expanded.name;
  result.board_id = board.id;
  result.runtime = runtime;
  result.planner = settings_.planner;

  // Reordering: the order with the least head bound (tensors at the runtime's alignment,
  // each operator's scratch from an estimate in the graph's own order).
  const ShapedGraph* chosen = &input_graph;
  if (settings_.reorder) {
    lower(input_graph, work.model);
    if (settings_.planner == MemoryPlanner::Best) dropOfflinePlan(work.model);
    resetPlanFields(work.memory);
    runtime_model.estimate(RuntimeInput{&input_graph, &work.model, 0}, work.memory);
    work.scratch_per_op.assign(work.model.operators.size(), 0);
    for (const OpMemory& op : work.memory.ops) work.scratch_per_op[static_cast<size_t>(op.op)] = op.scratch_bytes;
    OrderSearchOptions options;
    options.alignment_bytes = runtime == RuntimeKind::TinyforgeC ? 4 : 16;
    const OperatorOrder order = findMemoryOrder(work.model, work.scratch_per_op, options);
    result.reorder.searched = true;
    result.reorder.changed = order.changed();
    result.reorder.exact = order.exact;
    result.reorder.original_peak_bytes = order.original_peak_bytes;
    result.reorder.peak_bytes = order.peak_bytes;
    if (order.changed()) {
      work.reordered = reorderLayers(input_graph, work.model, order.operators);
      chosen = &work.reordered;
    }
  }
  const ShapedGraph& graph = *chosen;

  std::vector<LayerCost>& costs = work.costs;
  costs.resize(graph.layers.size());
  for (size_t i = 0; i < costs.size(); ++i) costs[i] = layerCost(graph, static_cast<int>(i));
  result.total = totalCost(costs);
  TensorModel& model = work.model;
  lower(graph, model);
  if (settings_.planner == MemoryPlanner::Best || result.reorder.changed) dropOfflinePlan(model);

  RuntimeInput input;
  input.graph = &graph;
  input.model = &model;
  // An imported model nobody has edited is stored as its own file; any other graph as the
  // file TinyForge's writer makes of it (docs/ARCHITECTURE.md, "Model Flash").
  const bool unmodified_import = isUnmodifiedImport(graph.expanded);
  input.model_flash_bytes = unmodified_import ? graph.expanded.imported_file.bytes : tfliteSizeBytes(graph, model);
  input.core = board.core;
  RuntimeEstimate& memory = work.memory;
  resetPlanFields(memory);
  runtime_model.estimate(input, memory);
  if (memory.offline_plan_used) {
    // The file that ships the plan carries its metadata too.
    TfliteWriteOptions with_plan;
    with_plan.offline_offsets_bytes = memory.offline_offsets_bytes;
    const int64_t delta = tfliteSizeBytes(graph, model, with_plan) - memory.model_flash_bytes;
    memory.model_flash_bytes += delta;
    memory.flash_bytes += delta;
  }
  result.plan_method = memory.plan_method;
  result.patches = memory.patch_plan;
  result.plan_optimal = memory.plan_optimal;
  result.offline_plan = memory.offline_plan_used || hasOfflinePlan(model);

  result.layers.resize(graph.layers.size());
  for (size_t i = 0; i < graph.layers.size(); ++i) {
    LayerEstimate& layer = result.layers[i];
    const Node& node = graph.node(static_cast<int>(i));
    layer.layer = static_cast<int>(i);
    layer.name = node.name;
    layer.block = node.block;
    layer.kind = node.kind;
    layer.output_shape = graph.layers[i].output_shape;
    layer.cost = costs[i];
  }
  int peak_layer = -1;
  int64_t peak_bytes = -1;
  for (const OpMemory& op : memory.ops) {
    const int layer_index = model.operators[static_cast<size_t>(op.op)].layer;
    LayerEstimate& layer = result.layers[static_cast<size_t>(layer_index)];
    layer.live_sram_bytes = op.live_bytes;
    layer.scratch_bytes = op.scratch_bytes;
    layer.persistent_bytes = op.persistent_bytes;
    layer.flash_bytes = op.flash_bytes;
    if (op.live_bytes + op.scratch_bytes > peak_bytes) {
      peak_bytes = op.live_bytes + op.scratch_bytes;
      peak_layer = layer_index;
    }
  }
  if (peak_layer >= 0) result.layers[static_cast<size_t>(peak_layer)].at_sram_peak = true;

  result.arena.reserve(memory.buffers.size());
  for (const PlannedBuffer& planned : memory.buffers) {
    ArenaBuffer buffer;
    buffer.offset_bytes = planned.offset_bytes;
    buffer.size_bytes = planned.size_bytes;
    // TFLM scopes: 0 is before the first operator, operator i is scope i + 1.
    buffer.first_op = std::max(0, planned.first_used - 1);
    buffer.last_op = std::max(0, planned.last_used - 1);
    if (planned.tensor >= 0) {
      const TensorInfo& tensor = model.tensors[static_cast<size_t>(planned.tensor)];
      buffer.name = tensor.name;
      if (tensor.producer >= 0) buffer.producer = graph.node(model.operators[tensor.producer].layer).name;
    } else {
      buffer.scratch = true;
      buffer.producer = planned.op >= 0 ? graph.node(model.operators[planned.op].layer).name : "";
      // A buffer of no operator: the patch arena of patch-based inference (patch_plan.h).
      buffer.name = planned.op >= 0 ? buffer.producer + " scratch" : "patch arena (one patch of the patched stage)";
    }
    result.arena.push_back(std::move(buffer));
  }

  MemoryTotals& totals = result.memory;
  totals.head_bytes = memory.head_bytes;
  totals.tail_bytes = memory.tail_bytes;
  totals.recorded_tail_bytes = memory.recorded_tail_bytes;
  totals.arena_bytes = memory.arena_used_bytes;
  totals.min_arena_bytes = memory.min_arena_bytes;
  totals.lower_bound_bytes = memory.lower_bound_bytes;
  totals.head_lower_bound_bytes = memory.head_lower_bound_bytes;
  totals.greedy_head_bytes = memory.greedy_head_bytes;
  totals.runtime_sram_bytes = runtime == RuntimeKind::TinyforgeC ? memory.stack_bytes : runtimeStaticSramBytes(runtime);
  totals.sram_bytes = memory.sram_bytes + runtimeStaticSramBytes(runtime);
  totals.model_flash_bytes = memory.model_flash_bytes;
  const bool flatbuffer = runtime == RuntimeKind::Tflm || runtime == RuntimeKind::TflmCmsis;
  totals.model_flash_source = !flatbuffer         ? ModelFlashSource::Weights
                              : unmodified_import ? ModelFlashSource::ImportedFile
                                                  : ModelFlashSource::WrittenFile;
  totals.code_flash_bytes = memory.code_flash_bytes;
  totals.code_flash_source = memory.code_flash_source;
  totals.flash_bytes = memory.flash_bytes;

  auto& ops = work.latency_ops;
  ops.clear();
  for (size_t i = 0; i < graph.layers.size(); ++i) ops.push_back(latencyOpOf(graph, static_cast<int>(i), costs[i]));
  // The board's coefficients describe TFLM + CMSIS-NN; the other runtimes scale them by
  // measured instruction ratios (runtime_latency.h).
  const LatencyKernels kernels = runtime == RuntimeKind::Tflm        ? LatencyKernels::TflmReference
                                 : runtime == RuntimeKind::TflmCmsis ? LatencyKernels::CmsisNn
                                                                     : LatencyKernels::TinyforgeC;
  const RuntimeLatencyScaling& scaling = builtInRuntimeLatencyScaling(kernels, board.isa != IsaClass::Scalar);
  LatencyResult latency = estimateLatency(board, ops, nullptr, &scaling);
  if (memory.patch_plan) {
    // Patch-based inference recomputes the halos: each stage layer's time grows with the
    // MACs it computes over all patches (a model; the copies and the per-patch set-up QEMU
    // also measures are not in it, docs/patches.md).
    const PatchPlan& patches = *memory.patch_plan;
    const double before_us = latency.total_us;
    for (size_t k = 0; k < patches.scratch_buffer.size() && k < model.operators.size(); ++k) {
      const auto layer = static_cast<size_t>(model.operators[k].layer);
      int64_t patched_macs = 0;
      for (const PatchRun& run : patches.patches) patched_macs += run.ops[k].macs;
      if (layer >= latency.layers.size() || costs[layer].macs <= 0) continue;
      const double extra_us =
          latency.layers[layer].us * (static_cast<double>(patched_macs) / static_cast<double>(costs[layer].macs) - 1.0);
      latency.layers[layer].us += extra_us;
      latency.total_us += extra_us;
    }
    if (before_us > 0) latency.energy_uj *= latency.total_us / before_us;  // active power x time
    latency.basis += "; patched stage scaled by its recomputed MACs";
  }
  for (size_t i = 0; i < latency.layers.size() && i < result.layers.size(); ++i) {
    result.layers[i].latency_ms = latency.layers[i].us / 1000.0;
    result.layers[i].latency_measured = latency.layers[i].measured;
  }
  result.latency_ms = latency.totalMs();
  result.latency_overhead_ms = latency.overhead_us / 1000.0;
  result.latency_basis = latency.basis;
  result.fps = latency.fps();
  result.energy_mj = latency.energy_uj / 1000.0;

  BoardFit& fit = result.fit;
  fit.board_id = board.id;
  fit.flash_budget_bytes = board.flash_bytes - settings_.flash_reserve_bytes;
  fit.sram_budget_bytes = board.arenaCapacityBytes() - settings_.sram_reserve_bytes;
  fit.fits_flash = totals.flash_bytes <= fit.flash_budget_bytes;
  fit.fits_sram = totals.sram_bytes <= fit.sram_budget_bytes;
  if (!fit.fits_flash) fit.problems.push_back(overBy("Flash", totals.flash_bytes, fit.flash_budget_bytes));
  if (!fit.fits_sram) fit.problems.push_back(overBy("SRAM", totals.sram_bytes, fit.sram_budget_bytes));
  return result;
}

}  // namespace tinyforge
