#pragma once
// What a dashboard figure is made of, for its tooltip: the parts that add up to it, each
// with where it comes from (exact, replayed, measured or modelled), so that a user knows
// which numbers to trust to the byte and which are estimates.

#include <QString>

#include "core/boards/board.h"
#include "core/estimate/estimate.h"

namespace tinyforge {

// `board` may be nullptr (then its sources are not named).
QString flashBreakdown(const Estimate& estimate, const Board* board);
QString sramBreakdown(const Estimate& estimate, const Board* board);
QString latencyBreakdown(const Estimate& estimate, const Board* board);
QString fpsBreakdown(const Estimate& estimate);
QString energyBreakdown(const Estimate& estimate, const Board* board);

}  // namespace tinyforge
