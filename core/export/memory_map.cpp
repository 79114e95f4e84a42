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

// A colour per producing layer, stable across exports of the same model.
Rgb layerColor(const std::string& key, bool scratch) {
  if (scratch) return Rgb{200, 200, 200};
  static const Rgb palette[] = {{141, 211, 199}, {255, 255, 179}, {190, 186, 218}, {251, 128, 114},
                                {128, 177, 211}, {253, 180, 98},  {179, 222, 105}, {252, 205, 229},
                                {188, 128, 189}, {204, 235, 197}, {255, 237, 111}, {166, 206, 227}};
  uint32_t hash = 2166136261u;  // FNV-1a
  for (unsigned char c : key) hash = (hash ^ c) * 16777619u;
  return palette[hash % (sizeof palette / sizeof palette[0])];
}

constexpr Rgb kInk{34, 34, 34};
constexpr Rgb kGrid{190, 190, 190};
constexpr Rgb kTail{150, 150, 150};
constexpr Rgb kRuntime{110, 110, 110};
constexpr Rgb kCode{120, 144, 156};
constexpr Rgb kMeta{176, 190, 197};
constexpr Rgb kFree{240, 240, 240};
constexpr Rgb kOver{214, 39, 40};
constexpr Rgb kOk{44, 160, 44};

// A round step for axis ticks: 1, 2 or 5 times a power of ten, about range/target.
double niceStep(double range, int target) {
  const double raw = range / std::max(target, 1);
  const double power = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return m * power;
  return 10 * power;
}

// A horizontal bar of segments scaled to `scale_bytes` over `width` pixels.
void segmentBar(Scene& scene, double x, double y, double width, double height, int64_t scale_bytes,
                const std::vector<std::pair<MemorySection, Rgb>>& segments) {
  const double per_byte = width / static_cast<double>(std::max<int64_t>(scale_bytes, 1));
  for (const auto& [section, color] : segments) {
    if (section.size_bytes <= 0) continue;
    scene.rects.push_back({x + section.offset_bytes * per_byte, y, section.size_bytes * per_byte, height, color, true,
                           section.name + ": " + formatBytes(section.size_bytes) + " (" +
                               std::to_string(section.size_bytes) + " B) at offset " +
                               std::to_string(section.offset_bytes)});
  }
}

void banksBar(Scene& scene, double x, double y, double width, int64_t scale_bytes, const std::vector<BankUse>& banks) {
  const double per_byte = width / static_cast<double>(std::max<int64_t>(scale_bytes, 1));
  double at = x;
  for (const auto& bank : banks) {
    const double w = bank.capacity_bytes * per_byte;
    scene.rects.push_back({at, y, w, 14, kFree, true,
                           bank.name + ": " + formatBytes(bank.capacity_bytes) + ", model uses " +
                               formatBytes(bank.used_bytes) + (bank.arena_usable ? "" : " (not for the arena)")});
    if (bank.used_bytes > 0)
      scene.rects.push_back({at, y, bank.used_bytes * per_byte, 14, Rgb{158, 202, 225}, false, {}});
    if (w > 40) scene.texts.push_back({at + 3, y + 11, bank.name, 9, TextAnchor::Start, false, kInk});
    at += w;
  }
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

Scene memoryMapScene(const MemoryMap& map) {
  Scene scene;
  scene.width = 960;
  const double left = 90, right = 30, plot_w = scene.width - left - right;
  const double plot_top = 60, plot_h = 340;
  const MemoryTotals& t = map.totals;

  scene.texts.push_back({left, 24,
                         map.model + " on " + map.board_id + " (" + toString(map.runtime) + "): " +
                             (map.fit.fits() ? "fits" : "DOES NOT FIT"),
                         15, TextAnchor::Start, true, map.fit.fits() ? kOk : kOver});
  scene.texts.push_back({left, 44,
                         "SRAM arena: offset (y) x operator (x); head " + formatBytes(t.head_bytes) + ", smallest arena " +
                             formatBytes(t.min_arena_bytes) + ", lower bound " + formatBytes(t.lower_bound_bytes),
                         11, TextAnchor::Start, false, kInk});

  // The arena over time. The y axis covers the smallest working arena, so the tail shows
  // above the planned head; offset 0 is at the bottom.
  const int ops = std::max<int>(1, static_cast<int>(map.operators.size()));
  const int64_t y_max = std::max<int64_t>({t.min_arena_bytes, t.head_bytes, 1});
  const double per_op = plot_w / ops;
  const double per_byte = plot_h / static_cast<double>(y_max);
  const double bottom = plot_top + plot_h;
  scene.rects.push_back({left, plot_top, plot_w, plot_h, Rgb{250, 250, 250}, true, {}});
  const double step = niceStep(static_cast<double>(y_max), 6);
  for (double v = 0; v <= static_cast<double>(y_max) + 1e-9; v += step) {
    const double y = bottom - v * per_byte;
    scene.lines.push_back({left, y, left + plot_w, y, kGrid, true});
    scene.texts.push_back({left - 6, y + 4, formatBytes(static_cast<int64_t>(v)), 9, TextAnchor::End, false, kInk});
  }
  if (t.min_arena_bytes > t.head_bytes) {
    const double y0 = bottom - static_cast<double>(t.min_arena_bytes) * per_byte;
    scene.rects.push_back({left, y0, plot_w, (t.min_arena_bytes - t.head_bytes) * per_byte, kTail, true,
                           "arena tail (persistent runtime structures): " +
                               formatBytes(t.min_arena_bytes - t.head_bytes)});
    scene.texts.push_back({left + plot_w / 2, y0 + std::min(12.0, (t.min_arena_bytes - t.head_bytes) * per_byte),
                           "persistent tail", 9, TextAnchor::Middle, false, Rgb{255, 255, 255}});
  }
  for (const auto& b : map.buffers) {
    const double x = left + b.first_op * per_op;
    const double w = (b.last_op - b.first_op + 1) * per_op;
    const double h = b.size_bytes * per_byte;
    const double y = bottom - (b.offset_bytes + b.size_bytes) * per_byte;
    scene.rects.push_back({x, y, w, h, layerColor(b.producer.empty() ? b.name : b.producer, b.scratch), true,
                           b.name + " (" + (b.producer.empty() ? "graph input" : "from " + b.producer) + "): " +
                               std::to_string(b.size_bytes) + " B at offset " + std::to_string(b.offset_bytes) +
                               ", ops " + std::to_string(b.first_op) + "-" + std::to_string(b.last_op)});
    // A label only where it fits (about 5.5 px a character at 9 px).
    if (h >= 11 && w >= 5.5 * std::min<size_t>(b.name.size(), 24) + 4) {
      std::string label = b.name.size() > 24 ? b.name.substr(0, 23) + "~" : b.name;
      scene.texts.push_back({x + w / 2, y + h / 2 + 3, label, 9, TextAnchor::Middle, false, kInk});
    }
  }
  // The x axis: one tick per operator, labels thinned to stay readable.
  const int label_every = std::max(1, static_cast<int>(std::ceil(28.0 / per_op)));
  for (int i = 0; i < static_cast<int>(map.operators.size()); ++i) {
    const double x = left + (i + 0.5) * per_op;
    scene.lines.push_back({x, bottom, x, bottom + 4, kInk, false});
    if (i % label_every == 0)
      scene.texts.push_back({x, bottom + 15, std::to_string(i), 9, TextAnchor::Middle, false, kInk});
  }
  scene.lines.push_back({left, bottom, left + plot_w, bottom, kInk, false});
  scene.lines.push_back({left, plot_top, left, bottom, kInk, false});
  scene.texts.push_back({left + plot_w / 2, bottom + 30, "operator (execution order)", 11, TextAnchor::Middle, false, kInk});
  scene.texts.push_back({14, plot_top - 8, "arena offset", 11, TextAnchor::Start, false, kInk});

  // Fit bars: what the model needs against the board, with the banks beneath.
  double y = bottom + 60;
  const auto bar = [&](const char* title, const std::vector<MemorySection>& sections, int64_t need, int64_t budget,
                       int64_t capacity, bool fits, const std::vector<BankUse>& banks, bool flash) {
    const int64_t scale = std::max({need, budget, capacity, int64_t{1}});
    scene.texts.push_back({left, y - 6,
                           std::string(title) + ": needs " + formatBytes(need) + " of " + formatBytes(budget) +
                               (fits ? " - fits" : " - DOES NOT FIT"),
                           11, TextAnchor::Start, true, fits ? kOk : kOver});
    std::vector<std::pair<MemorySection, Rgb>> colored;
    for (const auto& s : sections) {
      Rgb c = kMeta;
      if (!s.layer.empty()) c = layerColor(s.layer, false);
      else if (s.name.rfind("runtime code", 0) == 0) c = kCode;
      else if (s.name.rfind("arena head", 0) == 0) c = Rgb{128, 177, 211};
      else if (s.name.rfind("arena tail", 0) == 0) c = kTail;
      else if (s.name.rfind("runtime statics", 0) == 0) c = kRuntime;
      colored.push_back({s, c});
    }
    scene.rects.push_back({left, y, plot_w, 20, kFree, true, {}});
    segmentBar(scene, left, y, plot_w, 20, scale, colored);
    const double budget_x = left + plot_w * static_cast<double>(budget) / static_cast<double>(scale);
    scene.lines.push_back({budget_x, y - 4, budget_x, y + 24, fits ? kOk : kOver, false});
    scene.texts.push_back({budget_x, y + 34, flash ? "budget" : "arena capacity", 9, TextAnchor::End, false, kInk});
    banksBar(scene, left, y + 40, plot_w, scale, banks);
    y += 90;
  };
  int64_t sram_capacity = 0, flash_capacity = 0;
  for (const auto& b : map.sram_banks) sram_capacity += b.capacity_bytes;
  for (const auto& b : map.flash_banks) flash_capacity += b.capacity_bytes;
  bar("SRAM", map.sram, t.sram_bytes, map.fit.sram_budget_bytes, sram_capacity, map.fit.fits_sram, map.sram_banks,
      false);
  bar("Flash", map.flash, t.flash_bytes, map.fit.flash_budget_bytes, flash_capacity, map.fit.fits_flash,
      map.flash_banks, true);
  scene.height = static_cast<int>(y);
  return scene;
}

}  // namespace tinyforge
