#pragma once
// The memory map as a picture: the arena plan (arena offset in bytes up, operator steps
// across, one rectangle per buffer over its lifetime, tensor names where they fit), then
// SRAM and Flash against the board's banks, each with a legend. Export writes it as PNG,
// SVG and PDF and the studio shows it, all through scene_render.h.

#include <cstdint>
#include <string>
#include <vector>

#include "core/estimate/estimate.h"
#include "core/export/memory_map.h"
#include "core/export/scene.h"

namespace tinyforge {

// Every word the picture shows, English by default; the studio passes its translation.
// "{name}" placeholders are filled in by the picture.
struct MemoryMapWords {
  std::string title = "{model} on {board} ({runtime}): {verdict}";
  std::string fits = "fits";
  std::string does_not_fit = "DOES NOT FIT";
  std::string arena_summary = "SRAM arena: head {head}, smallest working arena {arena}, lower bound {bound}";
  std::string y_axis = "arena offset (bytes)";
  std::string x_axis = "operator step (execution order)";
  std::string buffer = "activation buffer (colour: the layer that writes it)";
  std::string scratch = "kernel scratch";
  std::string temporaries = "kernel temporaries (one block for all operators)";
  std::string tail = "persistent tail (runtime structures)";
  std::string lower_bound = "lower bound (most bytes live at once)";
  std::string memory_bar = "{memory}: needs {need} of {budget} - {verdict}";
  std::string sram = "SRAM";
  std::string flash = "Flash";
  std::string budget = "budget";
  std::string arena_capacity = "arena capacity";
  std::string code = "runtime code";
  std::string weights = "weights and constants (colour: layer)";
  std::string structure = "graph structure and metadata";
  std::string arena_head = "arena head";
  std::string arena_tail = "arena tail";
  std::string statics = "runtime statics and stack";
  std::string bank_used = "part of a memory bank the model uses";
};

// One arena plan as the picture draws it: a plain list of buffers with their offsets and
// lifetimes, so that several plans (another planner's) can be drawn side by side.
struct ArenaPlot {
  std::string label;                 // shown above the plot when there is more than one
  std::vector<ArenaBuffer> buffers;
  int64_t head_bytes = 0;            // may exceed the buffers' extent: kernel temporaries planned as one block
  int64_t tail_bytes = 0;            // persistent bytes above the head (TFLM's tail, up to the smallest arena)
  int64_t lower_bound_bytes = 0;
};

// The plans a map shows: the estimate's own, then the other planner's when the map has it.
std::vector<ArenaPlot> arenaPlotsOf(const MemoryMap& map);

struct MemoryMapLayout {
  int width = 960;          // px
  int plot_height = 340;    // px of each arena plot
};

Scene memoryMapScene(const MemoryMap& map, const MemoryMapWords& words = {}, const MemoryMapLayout& layout = {});

// "{a} and {b}" with {a}, {b} replaced (unknown names stay as they are).
std::string fillWords(std::string text, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace tinyforge
