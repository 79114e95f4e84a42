#pragma once
// One self-contained HTML page per board for people: the verdict, the totals against the
// board's budgets, the memory map picture (inline SVG), the Flash and SRAM sections, the
// planned buffers and the per-layer table. No scripts, no external files.

#include <string>

#include "core/estimate/estimate.h"
#include "core/export/memory_map.h"

namespace tinyforge {

struct ReportNotes {
  std::string model_file;         // the .tflite written beside the report ("" if none)
  bool placeholder_weights = false;
  std::vector<std::string> notes;  // anything else the exporter wants said (calibration, offline plan)
};

// XML/HTML escaping for names that come from user files.
std::string escapeXml(const std::string& text);

std::string renderReportHtml(const Estimate& estimate, const MemoryMap& map, const ReportNotes& notes);

}  // namespace tinyforge
