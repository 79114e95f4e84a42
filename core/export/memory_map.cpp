#include "core/export/memory_map.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/boards/board.h"
#include "core/estimate/units.h"
#include "core/model/tensor_model.h"

namespace tinyforge {
namespace {

// Banks in the order the model's bytes are laid into them: the arena region first (the
// largest run of touching arena-usable banks, as Board::arenaCapacityBytes() picks it),
// then the others in address order.
std::vector<const MemoryBank*> sramFillOrder(const Board& board) {
  std::vector<const MemoryBank*> banks;
  for (const auto& bank : board.sram_banks) banks.push_back(&bank);
  std::stable_sort(banks.begin(), banks.end(), [](const MemoryBank* a, const MemoryBank* b) {
    return a->address.value_or(UINT64_MAX) < b->address.value_or(UINT64_MAX);
  });
  size_t best_begin = 0, best_end = 0;
  int64_t best = -1;
  for (size_t i = 0; i < banks.size();) {
    if (!banks[i]->arena_usable) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    int64_t run = banks[i]->bytes;
    while (j < banks.size() && banks[j]->arena_usable && banks[j - 1]->address && banks[j]->address &&
           *banks[j]->address == *banks[j - 1]->address + static_cast<uint64_t>(banks[j - 1]->bytes)) {
      run += banks[j]->bytes;
      ++j;
    }
    if (run > best) {
      best = run;
      best_begin = i;
      best_end = j;
    }
    i = j;
  }
  std::vector<const MemoryBank*> order(banks.begin() + static_cast<long>(best_begin),
                                      banks.begin() + static_cast<long>(best_end));
  for (size_t i = 0; i < banks.size(); ++i)
    if (i < best_begin || i >= best_end) order.push_back(banks[i]);
  return order;
}

std::vector<BankUse> fillBanks(const std::vector<const MemoryBank*>& banks, const char* plain_name,
                               int64_t capacity_bytes, int64_t used_bytes) {
  std::vector<BankUse> uses;
  if (banks.empty()) {
    uses.push_back({plain_name, capacity_bytes, std::min(used_bytes, capacity_bytes), true});
    return uses;
  }
  int64_t left = used_bytes;
  for (const MemoryBank* bank : banks) {
    BankUse use{bank->name, bank->bytes, 0, bank->arena_usable};
    if (bank->arena_usable || left > 0) {
      use.used_bytes = std::min(left, bank->bytes);
      left -= use.used_bytes;
    }
    uses.push_back(use);
  }
  return uses;
}

nlohmann::json sectionsJson(const std::vector<MemorySection>& sections) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : sections) {
    nlohmann::json j = {{"name", s.name}, {"offset_bytes", s.offset_bytes}, {"size_bytes", s.size_bytes}};
    if (!s.layer.empty()) j["layer"] = s.layer;
    out.push_back(j);
  }
  return out;
}

nlohmann::json banksJson(const std::vector<BankUse>& banks) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& b : banks)
    out.push_back({{"name", b.name},
                   {"capacity_bytes", b.capacity_bytes},
                   {"used_bytes", b.used_bytes},
                   {"arena_usable", b.arena_usable}});
  return out;
}

}  // namespace

std::string planLabel(const Estimate& estimate) {
  if (estimate.runtime == RuntimeKind::TinyforgeC)
    return estimate.planner == MemoryPlanner::Best ? "best planner (generated code's arena)" : "TFLM greedy (generated code's arena)";
  if (estimate.offline_plan) return "best planner (offline plan in the model)";
  if (estimate.planner == MemoryPlanner::Best) return "best planner (no better than TFLM's own)";
  return "TFLM greedy";
}

MemoryMap buildMemoryMap(const ShapedGraph& graph, const Estimate& estimate, const Board& board, const Estimate* other) {
  MemoryMap map;
  map.plan_label = planLabel(estimate);
  map.plan_method = estimate.plan_method;
  if (other) map.other_plan = PlanView{planLabel(*other), other->memory.head_bytes, other->arena};
  map.model = estimate.model;
  map.board_id = estimate.board_id;
  map.board_part = board.part;
  map.runtime = estimate.runtime;
  map.totals = estimate.memory;
  map.fit = estimate.fit;
  map.buffers = estimate.arena;

  const TensorModel model = lower(graph);
  for (const auto& op : model.operators) map.operators.push_back(graph.node(op.layer).name);

  const MemoryTotals& t = estimate.memory;
  // SRAM: the arena (head planned, then the persistent tail up to the smallest arena that
  // works), then what the runtime keeps outside the arena.
  int64_t at = 0;
  map.sram.push_back({"arena head (activations and scratch)", "", at, t.head_bytes});
  at += t.head_bytes;
  const int64_t tail = std::max<int64_t>(0, t.min_arena_bytes - t.head_bytes);
  if (tail > 0) map.sram.push_back({"arena tail (runtime structures)", "", at, tail});
  at += tail;
  if (t.runtime_sram_bytes > 0) map.sram.push_back({"runtime statics and stack", "", at, t.runtime_sram_bytes});

  // Flash: runtime code, then the model file: weights layer by layer (their bytes, not
  // their position inside the flatbuffer), the rest is graph structure and metadata.
  at = 0;
  if (t.code_flash_bytes > 0) map.flash.push_back({"runtime code (interpreter and kernels used)", "", 0, t.code_flash_bytes});
  at = t.code_flash_bytes;
  int64_t constants = 0;
  for (const auto& layer : estimate.layers) {
    if (layer.flash_bytes <= 0) continue;
    // Reshape's shape, Pad's paddings and Mean's axes are constants too, but not weights.
    const bool weighted = layer.kind == NodeKind::Conv2D || layer.kind == NodeKind::DepthwiseConv2D ||
                         layer.kind == NodeKind::FullyConnected;
    map.flash.push_back({(weighted ? "weights: " : "constants: ") + layer.name, layer.name, at, layer.flash_bytes});
    at += layer.flash_bytes;
    constants += layer.flash_bytes;
  }
  const int64_t structure = t.model_flash_bytes - constants;
  if (structure > 0) map.flash.push_back({"graph structure and metadata", "", at, structure});

  map.sram_banks = fillBanks(sramFillOrder(board), "SRAM", board.sram_bytes, t.sram_bytes);
  std::vector<const MemoryBank*> flash_banks;
  for (const auto& bank : board.flash_banks) flash_banks.push_back(&bank);
  map.flash_banks = fillBanks(flash_banks, "Flash", board.flash_bytes, t.flash_bytes);
  return map;
}

static nlohmann::json buffersJson(const std::vector<ArenaBuffer>& all) {
  nlohmann::json buffers = nlohmann::json::array();
  for (const auto& b : all)
    buffers.push_back({{"name", b.name},
                       {"producer", b.producer},
                       {"offset_bytes", b.offset_bytes},
                       {"size_bytes", b.size_bytes},
                       {"first_op", b.first_op},
                       {"last_op", b.last_op},
                       {"scratch", b.scratch}});
  return buffers;
}

nlohmann::json memoryMapToJson(const MemoryMap& map) {
  const nlohmann::json buffers = buffersJson(map.buffers);
  const MemoryTotals& t = map.totals;
  nlohmann::json plan = {{"planner", map.plan_label},
                         {"method", map.plan_method},
                         {"head_bytes", t.head_bytes},
                         {"head_lower_bound_bytes", t.head_lower_bound_bytes},
                         {"greedy_head_bytes", t.greedy_head_bytes}};
  if (map.other_plan)
    plan["other_plan"] = {{"planner", map.other_plan->label},
                          {"head_bytes", map.other_plan->head_bytes},
                          {"buffers", buffersJson(map.other_plan->buffers)}};
  return {{"format", "tinyforge-memory-map"},
          {"version", 1},
          {"model", map.model},
          {"board", map.board_id},
          {"board_part", map.board_part},
          {"runtime", toString(map.runtime)},
          {"operators", map.operators},
          {"buffers", buffers},
          {"plan", plan},
          {"sram_sections", sectionsJson(map.sram)},
          {"flash_sections", sectionsJson(map.flash)},
          {"sram_banks", banksJson(map.sram_banks)},
          {"flash_banks", banksJson(map.flash_banks)},
          {"totals",
           {{"head_bytes", t.head_bytes},
            {"tail_bytes", t.tail_bytes},
            {"arena_bytes", t.arena_bytes},
            {"min_arena_bytes", t.min_arena_bytes},
            {"runtime_sram_bytes", t.runtime_sram_bytes},
            {"sram_bytes", t.sram_bytes},
            {"lower_bound_bytes", t.lower_bound_bytes},
            {"model_flash_bytes", t.model_flash_bytes},
            {"code_flash_bytes", t.code_flash_bytes},
            {"flash_bytes", t.flash_bytes}}},
          {"fit",
           {{"fits", map.fit.fits()},
            {"fits_flash", map.fit.fits_flash},
            {"fits_sram", map.fit.fits_sram},
            {"flash_budget_bytes", map.fit.flash_budget_bytes},
            {"sram_budget_bytes", map.fit.sram_budget_bytes},
            {"problems", map.fit.problems}}}};
}

}  // namespace tinyforge
