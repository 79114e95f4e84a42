#pragma once
// A model laid out for the least memory on one board, as it ships: its operators in the
// order with the smallest peak (operator_order.h) and, for TFLM, the best arena plan
// written onto its layers as offline offsets, which lower() and the .tflite writer carry
// into the file's OfflineMemoryAllocation metadata, so an unmodified TFLM uses it. Used
// by export (--reorder, --planner best, --offline-plan) and by a search whose SRAM figure
// is the best planner's, so the model it writes is the one it measured.

#include <string>
#include <vector>

#include "core/estimate/estimate.h"

namespace tinyforge {

struct MemoryLayoutOptions {
  bool reorder = false;                          // the least-peak operator order
  MemoryPlanner planner = MemoryPlanner::Greedy;  // Best: ship the best plan when TFLM's is larger
  bool force_offline_plan = false;               // ship the best plan even when TFLM's is as small
};

struct MemoryLayout {
  Graph graph;                     // the input, or its layers in the new order / with the plan
  bool reordered = false;
  bool offline_plan = false;       // the graph carries the plan (Node::offline_offset_bytes)
  std::vector<std::string> notes;  // what was done and the figures, for the user
};

// Plans for `board` with `runtime` (a plan ships only to tflm / tflm-cmsis). A plan is
// verified before it is kept (checkOfflinePlan); a plan the input carried is dropped when
// the order changes or the best planner plans anew. Throws what the estimator throws.
MemoryLayout layOutMemory(const Graph& graph, const Estimator& estimator, const std::string& board,
                          RuntimeKind runtime, const MemoryLayoutOptions& options);

}  // namespace tinyforge
