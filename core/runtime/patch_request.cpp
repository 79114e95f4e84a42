#include "core/runtime/patch_request.h"

#include <algorithm>
#include <cctype>

namespace tinyforge {
namespace {

bool allDigits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

PatchRequest parsePatchRequest(const std::string& text) {
  PatchRequest request;
  if (text == "none" || text.empty()) return request;
  if (text == "auto") {
    request.mode = PatchRequest::Mode::Auto;
    return request;
  }
  const std::string expected = "--patches takes none, auto or LAYER:ROWSxCOLS (e.g. conv3:2x2), got '" + text + "'";
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) throw PatchError(expected);
  const std::string grid = text.substr(colon + 1);
  const size_t x = grid.find_first_of("xX");
  if (x == std::string::npos || !allDigits(grid.substr(0, x)) || !allDigits(grid.substr(x + 1))) throw PatchError(expected);
  if (x > 6 || grid.size() - x - 1 > 6) throw PatchError(expected + ": the grid is far too large");
  request.mode = PatchRequest::Mode::Fixed;
  request.layer = text.substr(0, colon);
  request.rows = std::stoi(grid.substr(0, x));
  request.cols = std::stoi(grid.substr(x + 1));
  return request;
}

std::string patchRequestText(const PatchRequest& request) {
  switch (request.mode) {
    case PatchRequest::Mode::None: return "none";
    case PatchRequest::Mode::Auto: return "auto";
    case PatchRequest::Mode::Fixed: break;
  }
  return request.layer + ":" + std::to_string(request.rows) + "x" + std::to_string(request.cols);
}

std::optional<PatchPlan> resolvePatchRequest(const ShapedGraph& graph, const TensorModel& model,
                                             const PatchRequest& request, const TinyforgeCPlanOptions& options) {
  switch (request.mode) {
    case PatchRequest::Mode::None: return std::nullopt;
    case PatchRequest::Mode::Auto: return autoPatches(graph, model, request.max_extra_macs_percent, options);
    case PatchRequest::Mode::Fixed: break;
  }
  int split = -1;
  try {
    split = patchSplitOperator(graph, model, request.layer);
  } catch (const PatchError&) {
    if (!allDigits(request.layer) || request.layer.size() > 6) throw;
    split = std::stoi(request.layer);  // an operator index
  }
  return planPatches(graph, model, {split, request.rows, request.cols}, options);
}

}  // namespace tinyforge
