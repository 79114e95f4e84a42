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

}  // namespace tinyforge::cli
