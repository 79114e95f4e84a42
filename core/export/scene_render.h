#pragma once
// Draws a Scene with cairo (shapes; PNG, SVG and PDF surfaces) and Pango (text, with
// font fallback for any script). One drawing function serves every output, so the files
// export writes and the picture the studio shows are the same picture.

#include <cstdint>
#include <string>
#include <vector>

#include "core/export/scene.h"

namespace tinyforge {

// Whole files, in memory (export writes them atomically). Throw std::runtime_error when
// cairo reports an error.
std::string renderPng(const Scene& scene);
std::string renderSvg(const Scene& scene);  // width/height in px
std::string renderPdf(const Scene& scene);  // one page, 1 scene px = 1 pt

// Pixels for a GUI: premultiplied ARGB, 32 bits a pixel in native byte order (Qt's
// QImage::Format_ARGB32_Premultiplied), `scale` device pixels per scene pixel.
struct ArgbImage {
  int width = 0, height = 0, stride_bytes = 0;
  std::vector<uint8_t> pixels;
};
ArgbImage renderImage(const Scene& scene, double scale = 1.0);

// Text metrics of the renderer's font (DejaVu Sans, with fallbacks): the width a text
// takes at `size_px`, independent of the output's resolution.
double textWidth(const std::string& text, double size_px, bool bold = false);
// `text` shortened in the middle with "…" until it takes at most `max_width` px; empty
// when not even a few characters fit.
std::string fitText(const std::string& text, double size_px, bool bold, double max_width);

}  // namespace tinyforge
