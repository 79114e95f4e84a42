#pragma once
// Where a model lives on one board: every planned SRAM buffer (arena offset x operator
// lifetime), the arena's persistent tail and the runtime's own SRAM, the Flash layout
// (runtime code, each layer's weights, graph structure and metadata) and how both fill
// the board's memory banks. Rendered as JSON for tools and as a picture for people
// (memory_map_scene.h); the figures are the estimator's, so the map and `tinyforge
// estimate` agree.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/estimate/estimate.h"

namespace tinyforge {

struct Board;

struct MemorySection {
  std::string name;     // "runtime code", "weights: conv_1", "constants: reshape", "arena head", ...
  std::string layer;    // the layer a weights section belongs to ("" otherwise)
  int64_t offset_bytes = 0;
  int64_t size_bytes = 0;
};

// One memory bank of the board and how much of it the model uses (banks are filled in
// address order from the region that holds the arena).
struct BankUse {
  std::string name;
  int64_t capacity_bytes = 0;
  int64_t used_bytes = 0;
  bool arena_usable = true;
};

// An arena plan by name: the map's own (MemoryMap::buffers) or another planner's plan of
// the same model, kept beside it for comparison.
struct PlanView {
  std::string label;  // "TFLM greedy", "best planner (offline plan in the model)", ...
  int64_t head_bytes = 0;
  std::vector<ArenaBuffer> buffers;
};

// How an estimate's arena was planned, in words.
std::string planLabel(const Estimate& estimate);

struct MemoryMap {
  std::string model;
  std::string board_id;
  std::string board_part;
  RuntimeKind runtime = RuntimeKind::Tflm;
  std::vector<std::string> operators;  // operator names in execution order (the time axis)
  std::vector<ArenaBuffer> buffers;    // the planned arena head
  std::string plan_label;              // who planned it (planLabel)
  std::string plan_method;
  std::optional<PlanView> other_plan;  // the other planner's plan, when given
  std::vector<MemorySection> sram;     // arena head, arena tail, runtime statics and stack
  std::vector<MemorySection> flash;    // runtime code, weights per layer, graph and metadata
  std::vector<BankUse> sram_banks;
  std::vector<BankUse> flash_banks;
  MemoryTotals totals;
  BoardFit fit;
};

// `graph` must be the graph the estimate was made for (operator names come from it).
// `other`: an estimate of the same model with the other planner, shown beside the plan.
MemoryMap buildMemoryMap(const ShapedGraph& graph, const Estimate& estimate, const Board& board,
                         const Estimate* other = nullptr);

nlohmann::json memoryMapToJson(const MemoryMap& map);

}  // namespace tinyforge
