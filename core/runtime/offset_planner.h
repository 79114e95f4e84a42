#pragma once
// Offsets for buffers with known sizes and lifetimes, as small as the search can make
// them, beside TFLM's GreedyMemoryPlanner (greedy_memory_planner.h), which stays what
// TFLM does. Used for TFLM's offline plan (written into the .tflite) and for generated
// code's arena.
//
//   buffers in:  size in bytes, lifetime [first_used, last_used] (inclusive, any time
//                unit: TFLM scopes, operator steps, or the steps of a patched schedule),
//                optionally a fixed offset (offline_offset >= 0) that the plan keeps;
//   plan out:    an offset per buffer and the peak (max offset + size).
//
// No plan can be below the overlap lower bound: the most bytes alive at one time. The
// planner tries to reach it:
//  1. greedy placements in several orders (size, size then lifetime, area, lifetime
//     length, start time, and "breadth": the busiest time a buffer lives through), each
//     with first fit (lowest offset that fits) and best fit (the smallest gap that fits);
//  2. a local search on the best order (moves of one buffer in the order, first fit);
//  3. for small problems, an exact branch and bound over placement orders with first fit,
//     which is complete: placing the buffers of an optimal plan in the order of their
//     offsets, first fit puts each at or below its optimal offset, so some order reaches
//     the optimum. Consecutive buffers that do not share time commute (same offsets), so
//     only one of their orders is explored; the bound is the highest first-fit end of the
//     buffers still to place (placing more buffers never lowers a first fit).
// It stops as soon as a plan reaches the lower bound. Each step is deterministic.
//
// The verifier (findPlanConflict) checks any plan, ours or one read from a file: no two
// buffers alive at the same time may share a byte.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/runtime/greedy_memory_planner.h"  // PlannerBuffer

namespace tinyforge {

// The most bytes alive at one time (max over time of the sum of the sizes of the buffers
// whose lifetime contains it): no plan of these buffers can have a smaller peak.
int64_t overlapLowerBoundBytes(std::span<const PlannerBuffer> buffers);

// Two buffers alive at the same time that share bytes, or a buffer at a negative offset
// (second = -1).
struct PlanConflict {
  int first = -1;
  int second = -1;
  int32_t time = 0;  // a time both are alive
};

// The first conflict of a plan (by buffer index), or none when the plan is valid.
std::optional<PlanConflict> findPlanConflict(std::span<const PlannerBuffer> buffers,
                                             std::span<const int32_t> offsets_bytes);

struct OffsetPlan {
  std::vector<int32_t> offsets_bytes;  // parallel to the buffers
  int64_t peak_bytes = 0;              // max(offset + size)
  int64_t lower_bound_bytes = 0;       // overlapLowerBoundBytes
  std::string method;                  // what found it, e.g. "size, best fit", "branch and bound"
  bool optimal = false;                // proven: the lower bound is reached, or the exact search finished
  int64_t gap_bytes() const { return peak_bytes - lower_bound_bytes; }
};

struct OffsetPlannerOptions {
  int local_search_steps = 400;       // moves tried on the best order when no heuristic reaches the bound
  int exact_max_buffers = 40;         // branch and bound only for problems up to this many buffers
  int64_t exact_node_limit = 200000;  // and at most this many search nodes (then not proven)
  uint64_t seed = 1;                  // of the local search's moves
};

class BestOffsetPlanner {
 public:
  explicit BestOffsetPlanner(OffsetPlannerOptions options = {}) : options_(options) {}
  // Plans the buffers; fixed offsets (offline_offset >= 0) are kept. The result is always
  // verified. Throws std::invalid_argument when the fixed buffers already conflict.
  const OffsetPlan& plan(std::span<const PlannerBuffer> buffers);
  const OffsetPlan& result() const { return best_; }

 private:
  struct Placed {
    int32_t offset;
    int32_t end;
    int32_t buffer;
  };
  int64_t placeInOrder(std::span<const int32_t> order, bool best_fit, std::vector<int32_t>& offsets);
  int32_t fitOffset(int32_t buffer, bool best_fit) const;
  void insertPlaced(int32_t buffer, int32_t offset);
  void consider(std::span<const int32_t> order, bool best_fit, const char* method);
  void localSearch();
  void branchAndBound();
  bool search(int depth, int32_t previous, int64_t peak);

  OffsetPlannerOptions options_;
  std::span<const PlannerBuffer> buffers_;
  std::vector<int32_t> fixed_;      // buffers with an offline offset
  std::vector<int32_t> free_;       // the others
  std::vector<Placed> placed_;      // by offset
  std::vector<int32_t> offsets_;    // work
  std::vector<int32_t> order_;      // work
  std::vector<int32_t> best_order_;
  bool best_order_best_fit_ = false;
  OffsetPlan best_;
  // Branch and bound.
  std::vector<char> done_;
  std::vector<int32_t> twin_before_;  // an identical buffer (size, lifetime) of lower index, or -1
  std::vector<int32_t> path_;
  int64_t nodes_ = 0;
  bool exhausted_ = false;
};

// Convenience: one plan with the default options.
OffsetPlan planBestOffsets(std::span<const PlannerBuffer> buffers, const OffsetPlannerOptions& options = {});

}  // namespace tinyforge
