#pragma once
// The user's patch choice as the CLI takes it (`--patches none|auto|LAYER:ROWSxCOLS`) and
// its resolution into a plan for a model and a target core.

#include <cstdint>
#include <optional>
#include <string>

#include "core/runtime/patch_plan.h"

namespace tinyforge {

struct PatchRequest {
  enum class Mode { None, Auto, Fixed } mode = Mode::None;
  std::string layer;  // Fixed: a layer name, or an operator index when no layer has that name
  int32_t rows = 0, cols = 0;
  double max_extra_macs_percent = 20.0;  // Auto: the MACs the user allows on top of the model's
};

// "none", "auto" or "LAYER:ROWSxCOLS" (split at the last ':', so layer names may hold ':').
// Throws PatchError naming what is wrong.
PatchRequest parsePatchRequest(const std::string& text);

// The text parsePatchRequest reads back ("none", "auto", "LAYER:ROWSxCOLS"; the MAC limit
// is not part of it).
std::string patchRequestText(const PatchRequest& request);

// nullopt for None, and for Auto when no choice lowers the arena within the MAC limit.
// Throws PatchError (a layer that cannot run in patches, an impossible grid, an unknown layer).
std::optional<PatchPlan> resolvePatchRequest(const ShapedGraph& graph, const TensorModel& model,
                                             const PatchRequest& request, const TinyforgeCPlanOptions& options = {});

}  // namespace tinyforge
