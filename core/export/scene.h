#pragma once
// A picture as a list of shapes, drawn once and rendered twice: as SVG (with text) and as
// a raster for PNG (shapes only: core has no font renderer). Coordinates are pixels with
// the origin at the top left, as in SVG.

#include <cstdint>
#include <string>
#include <vector>

namespace tinyforge {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
};

struct SceneRect {
  double x = 0, y = 0, width = 0, height = 0;
  Rgb fill;
  bool stroke = true;      // a dark 1-pixel outline
  std::string tooltip;     // SVG <title>: shown when hovering in a browser
};

struct SceneLine {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  Rgb color;
  bool dashed = false;
};

enum class TextAnchor { Start, Middle, End };

struct SceneText {
  double x = 0, y = 0;  // baseline point
  std::string text;
  double size_px = 11;
  TextAnchor anchor = TextAnchor::Start;
  bool bold = false;
  Rgb color;
};

struct Scene {
  int width = 0, height = 0;
  std::vector<SceneRect> rects;
  std::vector<SceneLine> lines;
  std::vector<SceneText> texts;
};

// A self-contained SVG document (no external fonts or styles).
std::string renderSvg(const Scene& scene);

// RGB pixels, row-major, 3 bytes a pixel: rectangles and lines, text left out.
struct Raster {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;
};
Raster rasterize(const Scene& scene);

// XML/HTML escaping for names that come from user files.
std::string escapeXml(const std::string& text);

}  // namespace tinyforge
