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
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return requests[a].bytes > requests[b].bytes; });

  std::vector<size_t> placed;
  for (size_t r : order) {
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

}  // namespace tinyforge
