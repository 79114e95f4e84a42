#include "core/interpreter/arena_plan.h"

#include <algorithm>
#include <numeric>

namespace tinyforge {
namespace {

int64_t alignUp(int64_t value, int64_t alignment) { return (value + alignment - 1) / alignment * alignment; }

bool livesOverlap(const ArenaRequest& a, const ArenaRequest& b) {
  return a.first_op <= b.last_op && b.first_op <= a.last_op;
}

}  // namespace

ArenaPlan planArena(std::span<const ArenaRequest> requests, int64_t alignment_bytes) {
  ArenaPlan plan;
  plan.offsets_bytes.assign(requests.size(), 0);
  std::vector<size_t> order(requests.size());
  std::iota(order.begin(), order.end(), size_t{0});
  // Fixed requests first, where they are; then the others, largest first.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const bool fixed_a = requests[a].fixed_offset_bytes >= 0, fixed_b = requests[b].fixed_offset_bytes >= 0;
    if (fixed_a != fixed_b) return fixed_a;
    return requests[a].bytes > requests[b].bytes;
  });

  std::vector<size_t> placed;
  for (size_t r : order) {
    if (requests[r].fixed_offset_bytes >= 0) {
      plan.offsets_bytes[r] = requests[r].fixed_offset_bytes;
      plan.arena_bytes = std::max(plan.arena_bytes, requests[r].fixed_offset_bytes + requests[r].bytes);
      placed.push_back(r);
      continue;
    }
    const ArenaRequest& request = requests[r];
    // Intervals already taken by tensors alive at the same time, by offset.
    std::vector<std::pair<int64_t, int64_t>> taken;
    for (size_t p : placed)
      if (livesOverlap(request, requests[p]))
        taken.emplace_back(plan.offsets_bytes[p], plan.offsets_bytes[p] + requests[p].bytes);
    std::sort(taken.begin(), taken.end());
    int64_t offset = 0;
    for (const auto& [begin, end] : taken) {
      if (offset + request.bytes <= begin) break;
      offset = std::max(offset, alignUp(end, alignment_bytes));
    }
    plan.offsets_bytes[r] = offset;
    plan.arena_bytes = std::max(plan.arena_bytes, offset + request.bytes);
    placed.push_back(r);
  }
  plan.arena_bytes = alignUp(plan.arena_bytes, alignment_bytes);
  return plan;
}

std::pair<int, int> conflictingFixedRequests(std::span<const ArenaRequest> requests) {
  for (size_t i = 0; i < requests.size(); ++i) {
    const ArenaRequest& a = requests[i];
    if (a.fixed_offset_bytes < 0 || a.bytes == 0) continue;
    for (size_t j = i + 1; j < requests.size(); ++j) {
      const ArenaRequest& b = requests[j];
      if (b.fixed_offset_bytes < 0 || b.bytes == 0 || !livesOverlap(a, b)) continue;
      if (a.fixed_offset_bytes < b.fixed_offset_bytes + b.bytes && b.fixed_offset_bytes < a.fixed_offset_bytes + a.bytes)
        return {static_cast<int>(i), static_cast<int>(j)};
    }
  }
  return {-1, -1};
}

}  // namespace tinyforge
