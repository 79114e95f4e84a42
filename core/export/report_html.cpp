#include "core/export/report_html.h"

#include <sstream>

#include "core/io/safe_text.h"
#include "core/estimate/units.h"
#include "core/export/memory_map_scene.h"
#include "core/export/scene_render.h"
#include "core/latency/runtime_latency.h"

namespace tinyforge {
namespace {

std::string shapeText(const std::vector<int32_t>& shape) {
  std::string text;
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? "x" : "") + std::to_string(shape[i]);
  return text;
}

std::string bytesCell(int64_t bytes) {
  return "<td class=n>" + formatBytes(bytes) + "</td><td class=n>" + std::to_string(bytes) + "</td>";
}

// The model's latency with each runtime's kernels, and the measured instruction counts the
// figures other than CMSIS-NN's are scaled by (QEMU: instructions, not cycles).
void renderRuntimeLatency(std::ostringstream& html, const std::vector<RuntimeLatencyRow>& rows);

}  // namespace

std::string escapeXml(const std::string& raw) {
  // Names from files: invalid UTF-8 and control characters would break the page (and an
  // XML parser), so they become U+FFFD first.
  const std::string text = validDisplayText(raw);
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

std::string renderReportHtml(const Estimate& e, const MemoryMap& map, const ReportNotes& notes) {
  const MemoryTotals& t = e.memory;
  const std::string title = escapeXml(e.model) + " on " + escapeXml(e.board_id);
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" << title
       << " - TinyForge export</title>\n<style>\n"
       << "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;color:#222;max-width:1100px}\n"
       << "table{border-collapse:collapse;margin:0.5em 0 1.5em}\n"
       << "th,td{border:1px solid #ccc;padding:3px 8px;font-size:13px}th{background:#f0f0f0;text-align:left}\n"
       << "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
       << ".fits{color:#2c7a2c}.nofit{color:#c62828}.warn{background:#fff3cd;border:1px solid #e0b000;padding:8px}\n"
       << "tr.peak td{background:#fdecea}\n</style></head><body>\n";
  html << "<h1>" << title << "</h1>\n";
  html << "<p>Runtime <b>" << toString(e.runtime) << "</b>";
  if (!map.board_part.empty()) html << ", board part " << escapeXml(map.board_part);
  if (!notes.model_file.empty()) html << ", model file <code>" << escapeXml(notes.model_file) << "</code>";
  html << ".</p>\n";
  html << "<h2 class=\"" << (e.fit.fits() ? "fits\">Verdict: fits" : "nofit\">Verdict: DOES NOT FIT") << "</h2>\n";
  if (!e.fit.problems.empty()) {
    html << "<ul>\n";
    for (const auto& p : e.fit.problems) html << "<li class=nofit>" << escapeXml(p) << "</li>\n";
    html << "</ul>\n";
  }
  if (notes.placeholder_weights)
    html << "<p class=warn><b>Placeholder weights.</b> This model was exported from a graph without trained "
            "weights: every weight is zero. The memory figures hold; its predictions mean nothing.</p>\n";
  for (const auto& n : notes.notes) html << "<p>" << escapeXml(n) << "</p>\n";

  html << "<h2>Totals</h2>\n<table><tr><th>figure</th><th>value</th><th>bytes</th><th>budget</th></tr>\n";
  html << "<tr><td>Flash: model (" << escapeXml(describe(t.model_flash_source)) << ")</td>"
       << bytesCell(t.model_flash_bytes) << "<td></td></tr>\n";
  html << "<tr><td>Flash: runtime code";
  if (!t.code_flash_source.empty()) html << " (" << escapeXml(t.code_flash_source) << ")";
  html << "</td>" << bytesCell(t.code_flash_bytes) << "<td></td></tr>\n";
  html << "<tr><td><b>Flash total</b></td>" << bytesCell(t.flash_bytes) << "<td class=n>"
       << formatBytes(e.fit.flash_budget_bytes) << "</td></tr>\n";
  html << "<tr><td>SRAM: arena head (planned activations and scratch)</td>" << bytesCell(t.head_bytes)
       << "<td></td></tr>\n";
  html << "<tr><td>SRAM: arena tail (runtime structures)</td>" << bytesCell(t.tail_bytes) << "<td></td></tr>\n";
  html << "<tr><td>SRAM: smallest working arena</td>" << bytesCell(t.min_arena_bytes) << "<td></td></tr>\n";
  if (e.runtime == RuntimeKind::TinyforgeC)
    html << "<tr><td>SRAM: stack (deepest kernel call chain, predicted from the same measured table, checked "
            "against the stack measured under QEMU)</td>"
         << bytesCell(t.runtime_sram_bytes) << "<td></td></tr>\n";
  else
    html << "<tr><td>SRAM: runtime statics and stack</td>" << bytesCell(t.runtime_sram_bytes) << "<td></td></tr>\n";
  html << "<tr><td><b>SRAM total</b></td>" << bytesCell(t.sram_bytes) << "<td class=n>"
       << formatBytes(e.fit.sram_budget_bytes) << "</td></tr>\n";
  html << "<tr><td>SRAM lower bound (max live activations)</td>" << bytesCell(t.lower_bound_bytes)
       << "<td></td></tr>\n";
  html << "<tr><td>MACs / ops per inference</td><td class=n>" << formatCount(e.total.macs) << "</td><td class=n>"
       << formatCount(e.total.ops()) << " ops</td><td></td></tr>\n";
  html << "<tr><td>Latency (modelled)</td><td class=n>" << formatMs(e.latency_ms) << "</td><td class=n>"
       << formatFps(e.fps) << "</td><td></td></tr>\n";
  html << "<tr><td>Energy per inference (modelled)</td><td class=n>" << formatMj(e.energy_mj)
       << "</td><td></td><td></td></tr>\n";
  html << "</table>\n";

  if (!notes.runtime_latency.empty()) renderRuntimeLatency(html, notes.runtime_latency);

  html << "<h2>Memory map</h2>\n<p>Each rectangle is one planned buffer: its height is its size at its arena "
          "offset, its width the operators during which it is alive; the tables below list every buffer. The same "
          "picture is beside this report as memory_map.png, .svg and .pdf.</p>\n";
  // Inline: the SVG document without its XML declaration.
  const std::string svg = renderSvg(memoryMapScene(map));
  const size_t svg_start = svg.find("<svg");
  html << (svg_start == std::string::npos ? svg : svg.substr(svg_start));

  html << "<h2>Flash layout</h2>\n<table><tr><th>section</th><th>offset</th><th>size</th><th>bytes</th></tr>\n";
  for (const auto& s : map.flash)
    html << "<tr><td>" << escapeXml(s.name) << "</td><td class=n>" << s.offset_bytes << "</td>"
         << bytesCell(s.size_bytes) << "</tr>\n";
  html << "</table>\n<h2>SRAM layout</h2>\n<table><tr><th>section</th><th>offset</th><th>size</th><th>bytes</th></tr>\n";
  for (const auto& s : map.sram)
    html << "<tr><td>" << escapeXml(s.name) << "</td><td class=n>" << s.offset_bytes << "</td>"
         << bytesCell(s.size_bytes) << "</tr>\n";
  html << "</table>\n<h2>Memory banks</h2>\n<table><tr><th>bank</th><th>capacity</th><th>used by the model</th></tr>\n";
  for (const auto& b : map.sram_banks)
    html << "<tr><td>SRAM " << escapeXml(b.name) << (b.arena_usable ? "" : " (not for the arena)")
         << "</td><td class=n>" << formatBytes(b.capacity_bytes) << "</td><td class=n>" << formatBytes(b.used_bytes)
         << "</td></tr>\n";
  for (const auto& b : map.flash_banks)
    html << "<tr><td>Flash " << escapeXml(b.name) << "</td><td class=n>" << formatBytes(b.capacity_bytes)
         << "</td><td class=n>" << formatBytes(b.used_bytes) << "</td></tr>\n";
  html << "</table>\n";

  html << "<h2>Planned arena buffers</h2>\n<table><tr><th>buffer</th><th>producer</th><th>offset</th><th>size</th>"
          "<th>bytes</th><th>first op</th><th>last op</th></tr>\n";
  for (const auto& b : map.buffers)
    html << "<tr><td>" << escapeXml(b.name) << "</td><td>" << escapeXml(b.producer) << "</td><td class=n>"
         << b.offset_bytes << "</td>" << bytesCell(b.size_bytes) << "<td class=n>" << b.first_op
         << "</td><td class=n>" << b.last_op << "</td></tr>\n";
  html << "</table>\n";

  html << "<h2>Layers</h2>\n<table><tr><th>#</th><th>layer</th><th>kind</th><th>output</th><th>MACs</th>"
          "<th>weights (Flash)</th><th>live SRAM</th><th>scratch</th><th>latency</th></tr>\n";
  for (const auto& l : e.layers)
    html << "<tr" << (l.at_sram_peak ? " class=peak" : "") << "><td class=n>" << l.layer << "</td><td>"
         << escapeXml(l.name) << "</td><td>" << toString(l.kind) << "</td><td>" << shapeText(l.output_shape)
         << "</td><td class=n>" << formatCount(l.cost.macs) << "</td><td class=n>" << formatBytes(l.flash_bytes)
         << "</td><td class=n>" << formatBytes(l.live_sram_bytes) << "</td><td class=n>"
         << formatBytes(l.scratch_bytes) << "</td><td class=n>" << formatMs(l.latency_ms)
         << (l.latency_measured ? " (measured)" : "") << "</td></tr>\n";
  html << "</table>\n<p>The highlighted layer is where live activations peak. Figures: TinyForge's estimator "
          "(see docs/runtime-memory.md); the model file's size is exact.</p>\n</body></html>\n";
  return html.str();
}

}  // namespace tinyforge

namespace tinyforge {
namespace {

void renderRuntimeLatency(std::ostringstream& html, const std::vector<RuntimeLatencyRow>& rows) {
  html << "<h2>Latency by runtime (modelled)</h2>\n<table><tr><th>runtime</th><th>latency</th><th>from</th></tr>\n";
  for (const auto& r : rows)
    html << "<tr><td>" << escapeXml(r.runtime) << "</td><td class=n>" << formatMs(r.latency_ms) << "</td><td>"
         << escapeXml(r.basis) << "</td></tr>\n";
  html << "</table>\n<p>Measured executed instructions per MAC of TinyForge's generated C on the shared models, "
          "by op class: <b>instructions (QEMU), not cycles</b> (no pipeline, caches or Flash wait states; exact and "
          "repeatable). Cortex-M4 runs the kernels' DSP path, Cortex-M3 their plain C path; the plain/DSP ratio is "
          "what TFLM's reference kernels are charged against the CMSIS-NN fit on a core with the DSP extension "
          "(resources/latency/qemu_instruction_ratios.json, scripts/latency_table.sh). This model's own counts, "
          "total and per operator: <code>tinyforge run MODEL --input FILE --target qemu-m4</code> (or qemu-m3).</p>\n";
  html << "<table><tr><th>op class</th><th>operators</th><th>MACs</th><th>instructions/MAC, DSP path (M4)</th>"
          "<th>instructions/MAC, plain C (M3)</th><th>plain/DSP</th></tr>\n";
  const InstructionRatios& ratios = qemuInstructionRatios();
  for (int i = 0; i < kOpClassCount; ++i) {
    const ClassInstructions& c = ratios.classes[static_cast<size_t>(i)];
    if (c.operators == 0) continue;
    auto perMac = [&](double instructions) {
      std::ostringstream text;
      text.precision(3);
      if (c.macs > 0) text << instructions / c.macs;
      else text << "-";
      return text.str();
    };
    std::ostringstream ratio;
    ratio.precision(3);
    ratio << c.plainOverDsp();
    html << "<tr><td>" << toString(static_cast<OpClass>(i)) << "</td><td class=n>" << c.operators << "</td><td class=n>"
         << formatCount(static_cast<int64_t>(c.macs)) << "</td><td class=n>" << perMac(c.dsp_instructions)
         << "</td><td class=n>" << perMac(c.plain_instructions) << "</td><td class=n>" << ratio.str() << "</td></tr>\n";
  }
  html << "</table>\n";
}

}  // namespace
}  // namespace tinyforge
