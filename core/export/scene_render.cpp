#include "core/export/scene_render.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "core/io/safe_text.h"

namespace tinyforge {
namespace {

constexpr const char* kFontFamily = "DejaVu Sans";

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

void check(cairo_status_t status, const char* what) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") + what + ": " + cairo_status_to_string(status));
}

// Metrics that do not depend on the output's resolution, so that a label measured for
// the layout takes the same room in a PNG, an SVG and the studio's widget.
void setFontOptions(PangoContext* context) {
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context, options);
  cairo_font_options_destroy(options);
}

void setFont(PangoLayout* layout, double size_px, bool bold) {
  PangoFontDescription* font = pango_font_description_from_string(kFontFamily);
  pango_font_description_set_absolute_size(font, size_px * PANGO_SCALE);
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
}

Layout makeLayout(cairo_t* cr, const std::string& raw, double size_px, bool bold) {
  Layout layout(pango_cairo_create_layout(cr));
  setFontOptions(pango_layout_get_context(layout.get()));
  pango_layout_context_changed(layout.get());
  setFont(layout.get(), size_px, bold);
  // Pango cuts text at its first invalid UTF-8 byte (with a warning); layer names from a
  // .tflite may hold such bytes or control characters.
  const std::string text = validDisplayText(raw);
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

// A context for measuring text only (a 1x1 image surface), one per thread.
cairo_t* measuringContext() {
  thread_local Surface surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1));
  thread_local Context context(cairo_create(surface.get()));
  return context.get();
}

void setColor(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0); }

void drawLine(cairo_t* cr, const SceneLine& l) {
  cairo_save(cr);
  setColor(cr, l.color);
  cairo_set_line_width(cr, l.width);
  if (l.dashed) {
    const double dashes[] = {4, 3};
    cairo_set_dash(cr, dashes, 2, 0);
  }
  cairo_move_to(cr, l.x1, l.y1);
  cairo_line_to(cr, l.x2, l.y2);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void drawScene(cairo_t* cr, const Scene& scene) {
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  for (const SceneLine& l : scene.grid) drawLine(cr, l);
  for (const SceneRect& r : scene.rects) {
    // At least one pixel, so that a thin buffer stays visible.
    const double w = std::max(r.width, 1.0), h = std::max(r.height, 1.0);
    cairo_rectangle(cr, r.x, r.y, w, h);
    setColor(cr, r.fill);
    if (r.stroke) {
      cairo_fill_preserve(cr);
      cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
      cairo_set_line_width(cr, 0.6);
      cairo_stroke(cr);
    } else {
      cairo_fill(cr);
    }
  }
  for (const SceneLine& l : scene.lines) drawLine(cr, l);
  for (const SceneText& t : scene.texts) {
    const Layout layout = makeLayout(cr, t.text, t.size_px, t.bold);
    PangoRectangle logical;
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    const double width = static_cast<double>(logical.width) / PANGO_SCALE;
    const double baseline = static_cast<double>(pango_layout_get_baseline(layout.get())) / PANGO_SCALE;
    double x = t.x;
    if (t.anchor == TextAnchor::Middle) x -= width / 2;
    if (t.anchor == TextAnchor::End) x -= width;
    setColor(cr, t.color);
    cairo_move_to(cr, x, t.y - baseline);
    pango_cairo_show_layout(cr, layout.get());
  }
}

cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

int pixels(int size) { return std::max(size, 1); }

// Draws on a vector surface (SVG, PDF) that writes into `out`, then finishes it.
template <typename MakeSurface>
std::string renderVector(const Scene& scene, MakeSurface make) {
  std::string out;
  {
    Surface surface(make(&out));
    check(cairo_surface_status(surface.get()), "cannot create the surface");
    Context cr(cairo_create(surface.get()));
    drawScene(cr.get(), scene);
    check(cairo_status(cr.get()), "cannot draw");
    cairo_surface_finish(surface.get());
    check(cairo_surface_status(surface.get()), "cannot finish the file");
  }
  return out;
}

}  // namespace

std::string renderPng(const Scene& scene) {
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, pixels(scene.width), pixels(scene.height)));
  check(cairo_surface_status(surface.get()), "cannot create the image");
  {
    Context cr(cairo_create(surface.get()));
    drawScene(cr.get(), scene);
    check(cairo_status(cr.get()), "cannot draw");
  }
  std::string out;
  check(cairo_surface_write_to_png_stream(surface.get(), appendToString, &out), "cannot encode the PNG");
  return out;
}

std::string renderSvg(const Scene& scene) {
  return renderVector(scene, [&](std::string* out) {
    cairo_surface_t* s = cairo_svg_surface_create_for_stream(appendToString, out, pixels(scene.width), pixels(scene.height));
    cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PX);
    return s;
  });
}

std::string renderPdf(const Scene& scene) {
  return renderVector(scene, [&](std::string* out) {
    return cairo_pdf_surface_create_for_stream(appendToString, out, pixels(scene.width), pixels(scene.height));
  });
}

ArgbImage renderImage(const Scene& scene, double scale) {
  scale = std::clamp(scale, 0.1, 8.0);
  ArgbImage image;
  image.width = pixels(static_cast<int>(scene.width * scale + 0.5));
  image.height = pixels(static_cast<int>(scene.height * scale + 0.5));
  image.stride_bytes = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, image.width);
  image.pixels.assign(static_cast<size_t>(image.stride_bytes) * image.height, 0);
  Surface surface(cairo_image_surface_create_for_data(image.pixels.data(), CAIRO_FORMAT_ARGB32, image.width,
                                                      image.height, image.stride_bytes));
  check(cairo_surface_status(surface.get()), "cannot create the image");
  Context cr(cairo_create(surface.get()));
  cairo_scale(cr.get(), scale, scale);
  drawScene(cr.get(), scene);
  check(cairo_status(cr.get()), "cannot draw");
  cairo_surface_flush(surface.get());
  return image;
}

double textWidth(const std::string& text, double size_px, bool bold) {
  const Layout layout = makeLayout(measuringContext(), text, size_px, bold);
  PangoRectangle logical;
  pango_layout_get_extents(layout.get(), nullptr, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

std::string fitText(const std::string& text, double size_px, bool bold, double max_width) {
  if (textWidth(text, size_px, bold) <= max_width) return text;
  // Cut whole UTF-8 characters from the middle: the most that still fits, by bisection.
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  const auto shortened = [&](size_t keep) {
    const size_t head = (keep + 1) / 2, tail = keep / 2;
    return text.substr(0, starts[head]) + "\u2026" + text.substr(starts[starts.size() - tail]);
  };
  constexpr size_t kFewest = 4;
  size_t lo = 0, hi = starts.size() - 1;  // keep lo characters fits (or nothing does); hi does not
  if (starts.size() <= kFewest || textWidth(shortened(kFewest), size_px, bold) > max_width) return {};
  lo = kFewest;
  while (hi - lo > 1) {
    const size_t mid = (lo + hi) / 2;
    if (textWidth(shortened(mid), size_px, bold) <= max_width) lo = mid;
    else hi = mid;
  }
  return shortened(lo);
}

}  // namespace tinyforge
