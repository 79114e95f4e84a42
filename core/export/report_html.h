#pragma once
// One self-contained HTML page per board for people: the verdict, the totals against the
// board's budgets, the memory map picture (inline SVG), the Flash and SRAM sections, the
// planned buffers and the per-layer table. No scripts, no external files.

#include <string>

#include "core/estimate/estimate.h"
#include "core/export/memory_map.h"

namespace tinyforge {

// The same model and board with each runtime's kernels (core/latency/runtime_latency.h).
struct RuntimeLatencyRow {
  std::string runtime;  // "tflm"
  double latency_ms = 0;
  std::string basis;    // where the figure comes from
};

struct ReportNotes {
  std::string model_file;         // the .tflite written beside the report ("" if none)
  bool placeholder_weights = false;
  std::vector<std::string> notes;  // anything else the exporter wants said (calibration, offline plan)
  std::vector<RuntimeLatencyRow> runtime_latency;  // empty: no "Latency by runtime" section
};

// XML/HTML escaping for names that come from user files.
std::string escapeXml(const std::string& text);

std::string renderReportHtml(const Estimate& estimate, const MemoryMap& map, const ReportNotes& notes);

}  // namespace tinyforge
