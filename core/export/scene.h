#pragma once
// A picture as a list of shapes: built once by code that knows what to show (the memory
// map), drawn by one renderer (scene_render.h: cairo and Pango) into PNG, SVG, PDF or the
// studio's widget. Coordinates are pixels with the origin at the top left.

#include <cstdint>
#include <string>
#include <vector>

namespace tinyforge {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

struct SceneRect {
  double x = 0, y = 0, width = 0, height = 0;
  Rgb fill;
  bool stroke = true;      // a dark thin outline
  std::string tooltip;     // what hovering it says (the studio shows it)
  std::string key;         // what it stands for, for hit tests: "buffer:3", "flash:5", ... ("" for decoration)
};

struct SceneLine {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  Rgb color;
  bool dashed = false;
  double width = 1;
};

enum class TextAnchor { Start, Middle, End };

struct SceneText {
  double x = 0, y = 0;  // baseline point
  std::string text;     // UTF-8
  double size_px = 11;
  TextAnchor anchor = TextAnchor::Start;
  bool bold = false;
  Rgb color;
};

// Drawn in this order: grid, rects, lines, texts (text always on top).
struct Scene {
  int width = 0, height = 0;
  std::vector<SceneLine> grid;  // behind everything
  std::vector<SceneRect> rects;
  std::vector<SceneLine> lines;
  std::vector<SceneText> texts;
};

}  // namespace tinyforge
