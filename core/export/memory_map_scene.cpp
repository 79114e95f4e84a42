#include "core/export/memory_map_scene.h"

#include <algorithm>
#include <cmath>

#include "core/estimate/units.h"
#include "core/export/scene_render.h"

namespace tinyforge {
namespace {

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
constexpr Rgb kGrid{215, 215, 215};
constexpr Rgb kPlot{250, 250, 250};
constexpr Rgb kTail{150, 150, 150};
constexpr Rgb kTemporaries{253, 208, 162};
constexpr Rgb kRuntime{110, 110, 110};
constexpr Rgb kCode{120, 144, 156};
constexpr Rgb kMeta{176, 190, 197};
constexpr Rgb kArenaHead{128, 177, 211};
constexpr Rgb kFree{240, 240, 240};
constexpr Rgb kBankUsed{158, 202, 225};
constexpr Rgb kOver{214, 39, 40};
constexpr Rgb kOk{44, 160, 44};
constexpr Rgb kWhite{255, 255, 255};

constexpr double kLabelPx = 9;
constexpr double kAxisPx = 11;

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
};

// A round step for axis ticks: 1, 2 or 5 times a power of ten, about range/target.
double niceStep(double range, int target) {
  const double raw = range / std::max(target, 1);
  const double power = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return m * power;
  return 10 * power;
}

// Ticks at round numbers of the unit the labels use (KiB once the range is KiB-sized).
double byteStep(int64_t range_bytes) {
  if (range_bytes >= 4096) return niceStep(static_cast<double>(range_bytes) / 1024.0, 5) * 1024.0;
  return std::max(1.0, niceStep(static_cast<double>(range_bytes), 5));
}

std::string bufferTooltip(const ArenaBuffer& b) {
  return b.name + " (" + (b.producer.empty() ? "graph input" : "from " + b.producer) + "): " + formatBytes(b.size_bytes) +
         " (" + std::to_string(b.size_bytes) + " B) at offset " + std::to_string(b.offset_bytes) + ", operators " +
         std::to_string(b.first_op) + "-" + std::to_string(b.last_op);
}

// A label centred in a rectangle when it fits there (shortened in the middle if need be).
void labelInside(Scene& scene, double x, double y, double w, double h, const std::string& text, Rgb color) {
  if (h < kLabelPx + 3 || w < 12) return;
  const std::string fitted = fitText(text, kLabelPx, false, w - 6);
  if (fitted.empty()) return;
  scene.texts.push_back({x + w / 2, y + h / 2 + kLabelPx * 0.35, fitted, kLabelPx, TextAnchor::Middle, false, color});
}

// Swatches with their names, left to right, wrapping at `right`.
class Legend {
 public:
  Legend(Scene& scene, double left, double right, double top) : scene_(scene), left_(left), right_(right), x_(left), y_(top) {}

  void swatch(Rgb fill, const std::string& text) {
    place(text);
    scene_.rects.push_back({x_, y_, 14, 10, fill, true, text, {}});
    finish(text);
  }
  void line(Rgb color, bool dashed, const std::string& text) {
    place(text);
    scene_.lines.push_back({x_, y_ + 5, x_ + 14, y_ + 5, color, dashed, 1.5});
    finish(text);
  }
  double bottom() const { return x_ > left_ ? y_ + 16 : y_; }

 private:
  double entryWidth(const std::string& text) const { return 14 + 5 + textWidth(text, kLabelPx) + 16; }
  void place(const std::string& text) {
    if (x_ > left_ && x_ + entryWidth(text) > right_) {
      x_ = left_;
      y_ += 16;
    }
  }
  void finish(const std::string& text) {
    scene_.texts.push_back({x_ + 19, y_ + 9, text, kLabelPx, TextAnchor::Start, false, kInk});
    x_ += entryWidth(text);
  }

  Scene& scene_;
  double left_, right_, x_, y_;
};

struct PlotKinds {
  bool scratch = false, temporaries = false, tail = false, lower_bound = false;
};

// One arena plan in `box`: offsets 0..y_max_bytes bottom to top, operators left to right.
PlotKinds addArenaPlot(Scene& scene, const ArenaPlot& plot, size_t plot_index, int op_count, int64_t y_max_bytes,
                       const Box& box, const MemoryMapWords& words) {
  PlotKinds kinds;
  const double per_op = box.w / std::max(op_count, 1);
  const double per_byte = box.h / static_cast<double>(std::max<int64_t>(y_max_bytes, 1));
  const double bottom = box.y + box.h;
  const auto yOf = [&](int64_t bytes) { return bottom - static_cast<double>(bytes) * per_byte; };

  scene.rects.push_back({box.x, box.y, box.w, box.h, kPlot, false, {}, {}});
  const double step = byteStep(y_max_bytes);
  for (double v = 0; v <= static_cast<double>(y_max_bytes) + 1e-9; v += step) {
    const double y = yOf(static_cast<int64_t>(v));
    scene.grid.push_back({box.x, y, box.x + box.w, y, kGrid, false, 1});
    scene.lines.push_back({box.x - 4, y, box.x, y, kInk, false, 1});
    scene.texts.push_back({box.x - 7, y + 3, formatBytes(static_cast<int64_t>(v)), kLabelPx, TextAnchor::End, false, kInk});
  }

  int64_t planned_end = 0;
  for (const ArenaBuffer& b : plot.buffers) planned_end = std::max(planned_end, b.offset_bytes + b.size_bytes);
  if (plot.head_bytes > planned_end) {
    kinds.temporaries = true;
    const double top = yOf(plot.head_bytes), h = yOf(planned_end) - top;
    scene.rects.push_back({box.x, top, box.w, h, kTemporaries, true,
                           words.temporaries + ": " + formatBytes(plot.head_bytes - planned_end), "temporaries"});
    labelInside(scene, box.x, top, box.w, h, words.temporaries, kInk);
  }
  const int64_t head_end = std::max(plot.head_bytes, planned_end);
  if (plot.tail_bytes > 0) {
    kinds.tail = true;
    const double top = yOf(head_end + plot.tail_bytes), h = yOf(head_end) - top;
    scene.rects.push_back({box.x, top, box.w, h, kTail, true, words.tail + ": " + formatBytes(plot.tail_bytes), "tail"});
    labelInside(scene, box.x, top, box.w, h, words.tail, kWhite);
  }
  for (size_t i = 0; i < plot.buffers.size(); ++i) {
    const ArenaBuffer& b = plot.buffers[i];
    kinds.scratch |= b.scratch;
    const double x = box.x + b.first_op * per_op;
    const double w = (b.last_op - b.first_op + 1) * per_op;
    const double top = yOf(b.offset_bytes + b.size_bytes);
    const double h = static_cast<double>(b.size_bytes) * per_byte;
    scene.rects.push_back({x, top, w, h, layerColor(b.producer.empty() ? b.name : b.producer, b.scratch), true,
                           bufferTooltip(b), "buffer:" + std::to_string(plot_index) + ":" + std::to_string(i)});
    labelInside(scene, x, top, w, h, b.name, kInk);
  }
  if (plot.lower_bound_bytes > 0 && plot.lower_bound_bytes <= y_max_bytes) {
    kinds.lower_bound = true;
    const double y = yOf(plot.lower_bound_bytes);
    scene.lines.push_back({box.x, y, box.x + box.w, y, kOver, true, 1.2});
  }

  // Operator steps: a tick each, numbers thinned so that they stay readable.
  const int label_every = std::max(1, static_cast<int>(std::ceil(26.0 / std::max(per_op, 1e-3))));
  for (int i = 0; i < op_count; ++i) {
    const double x = box.x + (i + 0.5) * per_op;
    scene.lines.push_back({x, bottom, x, bottom + 4, kInk, false, 1});
    if (i % label_every == 0)
      scene.texts.push_back({x, bottom + 15, std::to_string(i), kLabelPx, TextAnchor::Middle, false, kInk});
  }
  scene.lines.push_back({box.x, bottom, box.x + box.w, bottom, kInk, false, 1});
  scene.lines.push_back({box.x, box.y, box.x, bottom, kInk, false, 1});
  scene.texts.push_back({box.x + box.w / 2, bottom + 31, words.x_axis, kAxisPx, TextAnchor::Middle, false, kInk});
  scene.texts.push_back({box.x - 7, box.y - 8, words.y_axis, kAxisPx, TextAnchor::Start, false, kInk});
  if (!plot.label.empty())
    scene.texts.push_back({box.x + box.w, box.y - 8, plot.label, kAxisPx, TextAnchor::End, true, kInk});
  return kinds;
}

// A horizontal bar of sections scaled to `scale_bytes` over `width` pixels.
void sectionBar(Scene& scene, const Box& box, int64_t scale_bytes, const std::vector<MemorySection>& sections,
                const MemoryMapWords& words, const std::string& key_prefix) {
  const double per_byte = box.w / static_cast<double>(std::max<int64_t>(scale_bytes, 1));
  for (size_t i = 0; i < sections.size(); ++i) {
    const MemorySection& s = sections[i];
    if (s.size_bytes <= 0) continue;
    const auto starts = [&](const char* prefix) { return s.name.rfind(prefix, 0) == 0; };
    Rgb color = kMeta;
    std::string label = words.structure;
    if (!s.layer.empty()) {
      color = layerColor(s.layer, false);
      label = s.layer;
    } else if (starts("runtime code")) {
      color = kCode;
      label = words.code;
    } else if (starts("arena head")) {
      color = kArenaHead;
      label = words.arena_head;
    } else if (starts("arena tail")) {
      color = kTail;
      label = words.arena_tail;
    } else if (starts("runtime statics")) {
      color = kRuntime;
      label = words.statics;
    }
    const double x = box.x + static_cast<double>(s.offset_bytes) * per_byte;
    const double w = static_cast<double>(s.size_bytes) * per_byte;
    scene.rects.push_back({x, box.y, w, box.h, color, true,
                           s.name + ": " + formatBytes(s.size_bytes) + " (" + std::to_string(s.size_bytes) +
                               " B) at offset " + std::to_string(s.offset_bytes),
                           key_prefix + std::to_string(i)});
    const bool dark = color == kTail || color == kRuntime || color == kCode;
    labelInside(scene, x, box.y, w, box.h, label, dark ? kWhite : kInk);
  }
}

void banksBar(Scene& scene, const Box& box, int64_t scale_bytes, const std::vector<BankUse>& banks) {
  const double per_byte = box.w / static_cast<double>(std::max<int64_t>(scale_bytes, 1));
  double at = box.x;
  for (const auto& bank : banks) {
    const double w = static_cast<double>(bank.capacity_bytes) * per_byte;
    scene.rects.push_back({at, box.y, w, box.h, kFree, true,
                           bank.name + ": " + formatBytes(bank.capacity_bytes) + ", the model uses " +
                               formatBytes(bank.used_bytes) + (bank.arena_usable ? "" : " (not for the arena)"),
                           "bank:" + bank.name});
    if (bank.used_bytes > 0)
      scene.rects.push_back({at, box.y, static_cast<double>(bank.used_bytes) * per_byte, box.h, kBankUsed, false, {}, {}});
    const std::string label = fitText(bank.name + " " + formatBytes(bank.capacity_bytes), kLabelPx, false, w - 6);
    if (!label.empty()) scene.texts.push_back({at + 3, box.y + 11, label, kLabelPx, TextAnchor::Start, false, kInk});
    at += w;
  }
}

}  // namespace

std::string fillWords(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) {
    const std::string key = "{" + name + "}";
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  }
  return text;
}

std::vector<ArenaPlot> arenaPlotsOf(const MemoryMap& map) {
  ArenaPlot plot;
  plot.label = map.plan_label;
  plot.buffers = map.buffers;
  plot.head_bytes = map.totals.head_bytes;
  plot.tail_bytes = std::max<int64_t>(0, map.totals.min_arena_bytes - map.totals.head_bytes);
  plot.lower_bound_bytes = map.totals.lower_bound_bytes;
  if (!map.other_plan) return {plot};
  // The other planner's plan of the same buffers, for comparison (same bound, no tail).
  ArenaPlot other;
  other.label = map.other_plan->label;
  other.buffers = map.other_plan->buffers;
  other.head_bytes = map.other_plan->head_bytes;
  other.lower_bound_bytes = plot.lower_bound_bytes;
  return {plot, other};
}

Scene memoryMapScene(const MemoryMap& map, const MemoryMapWords& words, const MemoryMapLayout& layout) {
  Scene scene;
  scene.width = std::max(layout.width, 320);
  const double left = 84, right = 24;
  const double plot_w = scene.width - left - right;
  const double plot_h = std::max(layout.plot_height, 80);
  const MemoryTotals& t = map.totals;
  const bool fits = map.fit.fits();
  const std::string verdict = fits ? words.fits : words.does_not_fit;

  scene.texts.push_back({left, 24,
                         fillWords(words.title, {{"model", map.model}, {"board", map.board_id},
                                                 {"runtime", toString(map.runtime)}, {"verdict", verdict}}),
                         15, TextAnchor::Start, true, fits ? kOk : kOver});
  scene.texts.push_back({left, 44,
                         fillWords(words.arena_summary, {{"head", formatBytes(t.head_bytes)},
                                                         {"arena", formatBytes(t.min_arena_bytes)},
                                                         {"bound", formatBytes(t.lower_bound_bytes)}}),
                         kAxisPx, TextAnchor::Start, false, kInk});

  // The arena plans share one scale, so that they compare at a glance.
  const std::vector<ArenaPlot> plots = arenaPlotsOf(map);
  const int ops = std::max<int>(1, static_cast<int>(map.operators.size()));
  int64_t y_max = 1;
  for (const ArenaPlot& p : plots) {
    y_max = std::max(y_max, p.head_bytes + p.tail_bytes);
    for (const ArenaBuffer& b : p.buffers) y_max = std::max(y_max, b.offset_bytes + b.size_bytes);
  }
  double y = 72;
  PlotKinds kinds;
  for (size_t i = 0; i < plots.size(); ++i) {
    const PlotKinds k = addArenaPlot(scene, plots[i], i, ops, y_max, Box{left, y, plot_w, plot_h}, words);
    kinds.scratch |= k.scratch;
    kinds.temporaries |= k.temporaries;
    kinds.tail |= k.tail;
    kinds.lower_bound |= k.lower_bound;
    y += plot_h + 58;
  }
  Legend arena_legend(scene, left, left + plot_w, y - 14);
  arena_legend.swatch(layerColor("", false), words.buffer);
  if (kinds.scratch) arena_legend.swatch(layerColor("", true), words.scratch);
  if (kinds.temporaries) arena_legend.swatch(kTemporaries, words.temporaries);
  if (kinds.tail) arena_legend.swatch(kTail, words.tail);
  if (kinds.lower_bound) arena_legend.line(kOver, true, words.lower_bound);
  y = arena_legend.bottom() + 34;

  // What the model needs against the board, with the banks beneath.
  const auto bar = [&](const std::string& memory, const std::vector<MemorySection>& sections, int64_t need,
                       int64_t budget, const std::vector<BankUse>& banks, bool bar_fits, const std::string& budget_word,
                       const std::string& key_prefix) {
    int64_t capacity = 0;
    for (const auto& b : banks) capacity += b.capacity_bytes;
    const int64_t scale = std::max({need, budget, capacity, int64_t{1}});
    scene.texts.push_back({left, y - 8,
                           fillWords(words.memory_bar, {{"memory", memory}, {"need", formatBytes(need)},
                                                        {"budget", formatBytes(budget)},
                                                        {"verdict", bar_fits ? words.fits : words.does_not_fit}}),
                           kAxisPx, TextAnchor::Start, true, bar_fits ? kOk : kOver});
    scene.rects.push_back({left, y, plot_w, 22, kFree, true, {}, {}});
    sectionBar(scene, Box{left, y, plot_w, 22}, scale, sections, words, key_prefix);
    const double budget_x = left + plot_w * static_cast<double>(budget) / static_cast<double>(scale);
    scene.lines.push_back({budget_x, y - 4, budget_x, y + 26, bar_fits ? kOk : kOver, false, 2});
    scene.texts.push_back({budget_x - 3, y + 36, budget_word, kLabelPx, TextAnchor::End, false, kInk});
    banksBar(scene, Box{left, y + 42, plot_w, 15}, scale, banks);
    y += 96;
  };
  bar(words.sram, map.sram, t.sram_bytes, map.fit.sram_budget_bytes, map.sram_banks, map.fit.fits_sram,
      words.arena_capacity, "sram:");
  bar(words.flash, map.flash, t.flash_bytes, map.fit.flash_budget_bytes, map.flash_banks, map.fit.fits_flash,
      words.budget, "flash:");
  Legend bar_legend(scene, left, left + plot_w, y - 30);
  bar_legend.swatch(kCode, words.code);
  bar_legend.swatch(layerColor("", false), words.weights);
  bar_legend.swatch(kMeta, words.structure);
  bar_legend.swatch(kArenaHead, words.arena_head);
  if (t.min_arena_bytes > t.head_bytes) bar_legend.swatch(kTail, words.arena_tail);
  if (t.runtime_sram_bytes > 0) bar_legend.swatch(kRuntime, words.statics);
  bar_legend.swatch(kBankUsed, words.bank_used);
  scene.height = static_cast<int>(bar_legend.bottom() + 8);
  return scene;
}

}  // namespace tinyforge
