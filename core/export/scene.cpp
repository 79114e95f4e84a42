#include "core/export/scene.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace tinyforge {
namespace {

std::string color(Rgb c) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
  return text;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

const char* anchorName(TextAnchor anchor) {
  switch (anchor) {
    case TextAnchor::Start: return "start";
    case TextAnchor::Middle: return "middle";
    case TextAnchor::End: return "end";
  }
  return "start";
}

void fillRect(Raster& raster, int x0, int y0, int x1, int y1, Rgb c) {
  x0 = std::clamp(x0, 0, raster.width);
  x1 = std::clamp(x1, 0, raster.width);
  y0 = std::clamp(y0, 0, raster.height);
  y1 = std::clamp(y1, 0, raster.height);
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      uint8_t* p = &raster.rgb[(static_cast<size_t>(y) * raster.width + x) * 3];
      p[0] = c.r;
      p[1] = c.g;
      p[2] = c.b;
    }
}

}  // namespace

std::string escapeXml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string renderSvg(const Scene& scene) {
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << scene.width << "\" height=\"" << scene.height
      << "\" viewBox=\"0 0 " << scene.width << ' ' << scene.height
      << "\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n";
  svg << "<rect x=\"0\" y=\"0\" width=\"" << scene.width << "\" height=\"" << scene.height
      << "\" fill=\"#ffffff\"/>\n";
  for (const SceneRect& r : scene.rects) {
    svg << "<rect x=\"" << number(r.x) << "\" y=\"" << number(r.y) << "\" width=\"" << number(r.width)
        << "\" height=\"" << number(r.height) << "\" fill=\"" << color(r.fill) << '"';
    if (r.stroke) svg << " stroke=\"#333333\" stroke-width=\"0.6\"";
    if (r.tooltip.empty()) {
      svg << "/>\n";
    } else {
      svg << "><title>" << escapeXml(r.tooltip) << "</title></rect>\n";
    }
  }
  for (const SceneLine& l : scene.lines) {
    svg << "<line x1=\"" << number(l.x1) << "\" y1=\"" << number(l.y1) << "\" x2=\"" << number(l.x2) << "\" y2=\""
        << number(l.y2) << "\" stroke=\"" << color(l.color) << "\" stroke-width=\"1\"";
    if (l.dashed) svg << " stroke-dasharray=\"4 3\"";
    svg << "/>\n";
  }
  for (const SceneText& t : scene.texts) {
    svg << "<text x=\"" << number(t.x) << "\" y=\"" << number(t.y) << "\" font-size=\"" << number(t.size_px)
        << "\" text-anchor=\"" << anchorName(t.anchor) << "\" fill=\"" << color(t.color) << '"';
    if (t.bold) svg << " font-weight=\"bold\"";
    svg << '>' << escapeXml(t.text) << "</text>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

Raster rasterize(const Scene& scene) {
  Raster raster;
  raster.width = std::max(scene.width, 1);
  raster.height = std::max(scene.height, 1);
  raster.rgb.assign(static_cast<size_t>(raster.width) * raster.height * 3, 255);
  for (const SceneRect& r : scene.rects) {
    const int x0 = static_cast<int>(std::lround(r.x));
    const int y0 = static_cast<int>(std::lround(r.y));
    // At least one pixel, so that a thin buffer stays visible as it does in the SVG.
    const int x1 = std::max(x0 + 1, static_cast<int>(std::lround(r.x + r.width)));
    const int y1 = std::max(y0 + 1, static_cast<int>(std::lround(r.y + r.height)));
    if (r.stroke) {
      fillRect(raster, x0, y0, x1, y1, Rgb{51, 51, 51});
      if (x1 - x0 > 2 && y1 - y0 > 2) fillRect(raster, x0 + 1, y0 + 1, x1 - 1, y1 - 1, r.fill);
    } else {
      fillRect(raster, x0, y0, x1, y1, r.fill);
    }
  }
  for (const SceneLine& l : scene.lines) {
    const double length = std::max(std::abs(l.x2 - l.x1), std::abs(l.y2 - l.y1));
    const int steps = std::max(1, static_cast<int>(std::ceil(length)));
    for (int i = 0; i <= steps; ++i) {
      if (l.dashed && (i % 7) >= 4) continue;  // 4 on, 3 off, as the SVG's dash array
      const double f = static_cast<double>(i) / steps;
      const int x = static_cast<int>(std::lround(l.x1 + f * (l.x2 - l.x1)));
      const int y = static_cast<int>(std::lround(l.y1 + f * (l.y2 - l.y1)));
      fillRect(raster, x, y, x + 1, y + 1, l.color);
    }
  }
  return raster;
}

}  // namespace tinyforge
