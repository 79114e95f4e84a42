#pragma once
// Renders estimates for people (tables with units) and for machines (JSON).

#include <iosfwd>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/estimate/estimate.h"

namespace tinyforge::cli {

void printLayerTable(std::ostream& out, const Estimate& estimate);
void printTotals(std::ostream& out, const Estimate& estimate);
void printFitSummary(std::ostream& out, const std::vector<Estimate>& estimates);
nlohmann::json estimateToJson(const Estimate& estimate);
// Patch-based inference (tinyforge-c): the choice, peak SRAM against no patches, extra MACs.
void printPatches(std::ostream& out, const Estimate& estimate, const PatchRequest& request);
nlohmann::json patchesToJson(const Estimate& estimate, const PatchRequest& request);

}  // namespace tinyforge::cli
