#include "core/runtime/offset_planner.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace tinyforge {
namespace {

bool overlapInTime(const PlannerBuffer& a, const PlannerBuffer& b) {
  return a.first_used <= b.last_used && b.first_used <= a.last_used;
}

int64_t lifetimeOf(const PlannerBuffer& b) { return int64_t{b.last_used} - b.first_used + 1; }

// A small, fully specified generator (SplitMix64): the local search makes the same moves
// on every platform, unlike std::uniform_int_distribution.
struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
};

}  // namespace

int64_t overlapLowerBoundBytes(std::span<const PlannerBuffer> buffers) {
  // The sum over live buffers is highest at some buffer's first time.
  int64_t bound = 0;
  for (const PlannerBuffer& at : buffers) {
    int64_t live = 0;
    for (const PlannerBuffer& b : buffers)
      if (b.first_used <= at.first_used && at.first_used <= b.last_used) live += b.size_bytes;
    bound = std::max(bound, live);
  }
  return bound;
}

std::optional<PlanConflict> findPlanConflict(std::span<const PlannerBuffer> buffers,
                                             std::span<const int32_t> offsets_bytes) {
  if (offsets_bytes.size() != buffers.size()) throw std::invalid_argument("plan: one offset per buffer needed");
  for (size_t i = 0; i < buffers.size(); ++i)
    if (offsets_bytes[i] < 0) return PlanConflict{static_cast<int>(i), -1, buffers[i].first_used};
  for (size_t i = 0; i < buffers.size(); ++i) {
    const PlannerBuffer& a = buffers[i];
    if (a.size_bytes <= 0) continue;
    const int64_t a0 = offsets_bytes[i], a1 = a0 + a.size_bytes;
    for (size_t j = i + 1; j < buffers.size(); ++j) {
      const PlannerBuffer& b = buffers[j];
      if (b.size_bytes <= 0 || !overlapInTime(a, b)) continue;
      const int64_t b0 = offsets_bytes[j], b1 = b0 + b.size_bytes;
      if (a0 < b1 && b0 < a1)
        return PlanConflict{static_cast<int>(i), static_cast<int>(j), std::max(a.first_used, b.first_used)};
    }
  }
  return std::nullopt;
}

// The lowest offset where `buffer` fits among the placed buffers alive at the same time
// (first fit, TFLM's walk), or the start of the smallest such gap that fits (best fit);
// above the highest of them when no gap fits.
int32_t BestOffsetPlanner::fitOffset(int32_t buffer, bool best_fit) const {
  const PlannerBuffer& wanted = buffers_[static_cast<size_t>(buffer)];
  int32_t candidate = 0;
  int32_t best_offset = -1;
  int64_t best_gap = std::numeric_limits<int64_t>::max();
  for (const Placed& p : placed_) {
    if (!overlapInTime(buffers_[static_cast<size_t>(p.buffer)], wanted)) continue;
    const int64_t gap = int64_t{p.offset} - candidate;
    if (gap >= wanted.size_bytes) {
      if (!best_fit) return candidate;
      if (gap < best_gap) {
        best_gap = gap;
        best_offset = candidate;
      }
    }
    candidate = std::max(candidate, p.end);
  }
  return best_offset >= 0 ? best_offset : candidate;
}

void BestOffsetPlanner::insertPlaced(int32_t buffer, int32_t offset) {
  const Placed entry{offset, offset + buffers_[static_cast<size_t>(buffer)].size_bytes, buffer};
  auto at = std::upper_bound(placed_.begin(), placed_.end(), offset,
                             [](int32_t value, const Placed& p) { return value < p.offset; });
  placed_.insert(at, entry);
}

int64_t BestOffsetPlanner::placeInOrder(std::span<const int32_t> order, bool best_fit, std::vector<int32_t>& offsets) {
  placed_.clear();
  int64_t peak = 0;
  for (int32_t b : fixed_) {
    offsets[static_cast<size_t>(b)] = buffers_[static_cast<size_t>(b)].offline_offset;
    insertPlaced(b, offsets[static_cast<size_t>(b)]);
    peak = std::max<int64_t>(peak, int64_t{offsets[static_cast<size_t>(b)]} + buffers_[static_cast<size_t>(b)].size_bytes);
  }
  for (int32_t b : order) {
    const int32_t offset = fitOffset(b, best_fit);
    offsets[static_cast<size_t>(b)] = offset;
    insertPlaced(b, offset);
    peak = std::max<int64_t>(peak, int64_t{offset} + buffers_[static_cast<size_t>(b)].size_bytes);
  }
  return peak;
}

void BestOffsetPlanner::consider(std::span<const int32_t> order, bool best_fit, const char* method) {
  const int64_t peak = placeInOrder(order, best_fit, offsets_);
  if (peak >= best_.peak_bytes) return;
  best_.peak_bytes = peak;
  best_.offsets_bytes = offsets_;
  best_.method = method;
  best_order_.assign(order.begin(), order.end());
  best_order_best_fit_ = best_fit;
}

void BestOffsetPlanner::localSearch() {
  // Moves of one buffer to another place in the order, accepted when the peak does not
  // grow (so the search can cross plateaus); half the moves take a buffer that reaches
  // the peak and move it earlier, where first fit can put it lower.
  SplitMix64 random{options_.seed};
  std::vector<int32_t> current = best_order_;
  const bool best_fit = best_order_best_fit_;
  int64_t current_peak = best_.peak_bytes;
  const size_t n = current.size();
  if (n < 2) return;
  std::vector<int32_t> candidate;
  std::vector<size_t> critical;
  for (int step = 0; step < options_.local_search_steps && best_.peak_bytes > best_.lower_bound_bytes; ++step) {
    size_t from = random.below(n);
    size_t to = random.below(n);
    if (step % 2 == 0) {
      placeInOrder(current, best_fit, offsets_);
      critical.clear();
      for (size_t k = 0; k < n; ++k) {
        const int32_t b = current[k];
        if (int64_t{offsets_[static_cast<size_t>(b)]} + buffers_[static_cast<size_t>(b)].size_bytes == current_peak)
          critical.push_back(k);
      }
      if (!critical.empty()) {
        from = critical[random.below(critical.size())];
        to = from == 0 ? 0 : random.below(from);
      }
    }
    if (from == to) continue;
    candidate = current;
    const int32_t moved = candidate[from];
    candidate.erase(candidate.begin() + static_cast<long>(from));
    candidate.insert(candidate.begin() + static_cast<long>(to), moved);
    const int64_t peak = placeInOrder(candidate, best_fit, offsets_);
    if (peak > current_peak) continue;
    current.swap(candidate);
    current_peak = peak;
    if (peak < best_.peak_bytes) {
      best_.peak_bytes = peak;
      best_.offsets_bytes = offsets_;
      best_.method = best_fit ? "local search, best fit" : "local search, first fit";
      best_order_ = current;
    }
  }
}

bool BestOffsetPlanner::search(int depth, int32_t previous, int64_t peak) {
  if (++nodes_ > options_.exact_node_limit) {
    exhausted_ = false;
    return true;  // give up: unwind
  }
  const int n = static_cast<int>(free_.size());
  if (depth == n) {
    if (peak < best_.peak_bytes) {
      best_.peak_bytes = peak;
      for (const Placed& p : placed_) best_.offsets_bytes[static_cast<size_t>(p.buffer)] = p.offset;
      best_.method = "branch and bound";
    }
    return best_.peak_bytes <= best_.lower_bound_bytes;
  }
  // Bound: first fits only rise as buffers are added, so every buffer left ends at least
  // at its first fit now.
  struct Child {
    int32_t offset;
    int32_t buffer;
  };
  Child children[64];
  int count = 0;
  int64_t bound = peak;
  for (int k = 0; k < n; ++k) {
    const int32_t b = free_[static_cast<size_t>(k)];
    if (done_[static_cast<size_t>(b)]) continue;
    const int32_t offset = fitOffset(b, false);
    bound = std::max<int64_t>(bound, int64_t{offset} + buffers_[static_cast<size_t>(b)].size_bytes);
    if (bound >= best_.peak_bytes) return false;
    // Identical buffers are interchangeable: only the first one left is placed next.
    const int32_t twin = twin_before_[static_cast<size_t>(b)];
    if (twin >= 0 && !done_[static_cast<size_t>(twin)]) continue;
    // Consecutive buffers that share no time commute: only the ascending order is explored.
    if (previous >= 0 && b < previous &&
        !overlapInTime(buffers_[static_cast<size_t>(b)], buffers_[static_cast<size_t>(previous)]))
      continue;
    children[count++] = {offset, b};
  }
  // Lowest placements first, larger buffers first among equals: good plans early.
  std::sort(children, children + count, [&](const Child& x, const Child& y) {
    if (x.offset != y.offset) return x.offset < y.offset;
    const int32_t sx = buffers_[static_cast<size_t>(x.buffer)].size_bytes;
    const int32_t sy = buffers_[static_cast<size_t>(y.buffer)].size_bytes;
    if (sx != sy) return sx > sy;
    return x.buffer < y.buffer;
  });
  for (int c = 0; c < count; ++c) {
    const int32_t b = children[c].buffer;
    const int32_t offset = children[c].offset;
    const int64_t end = int64_t{offset} + buffers_[static_cast<size_t>(b)].size_bytes;
    if (std::max(peak, end) >= best_.peak_bytes) continue;
    done_[static_cast<size_t>(b)] = 1;
    insertPlaced(b, offset);
    const bool stop = search(depth + 1, b, std::max(peak, end));
    auto it = std::find_if(placed_.begin(), placed_.end(), [b](const Placed& p) { return p.buffer == b; });
    placed_.erase(it);
    done_[static_cast<size_t>(b)] = 0;
    if (stop) return true;
  }
  return false;
}

void BestOffsetPlanner::branchAndBound() {
  const size_t n = free_.size();
  done_.assign(buffers_.size(), 0);
  twin_before_.assign(buffers_.size(), -1);
  for (size_t i = 0; i < n; ++i) {
    const PlannerBuffer& a = buffers_[static_cast<size_t>(free_[i])];
    for (size_t j = i; j-- > 0;) {
      const PlannerBuffer& b = buffers_[static_cast<size_t>(free_[j])];
      if (a.size_bytes == b.size_bytes && a.first_used == b.first_used && a.last_used == b.last_used) {
        twin_before_[static_cast<size_t>(free_[i])] = free_[j];
        break;
      }
    }
  }
  placed_.clear();
  int64_t peak = 0;
  for (int32_t b : fixed_) {
    insertPlaced(b, buffers_[static_cast<size_t>(b)].offline_offset);
    peak = std::max<int64_t>(peak, int64_t{buffers_[static_cast<size_t>(b)].offline_offset} +
                                       buffers_[static_cast<size_t>(b)].size_bytes);
  }
  nodes_ = 0;
  exhausted_ = true;
  search(0, -1, peak);
  // Finished without hitting the node limit: nothing below the best plan exists.
  if (exhausted_) best_.optimal = true;
}

const OffsetPlan& BestOffsetPlanner::plan(std::span<const PlannerBuffer> buffers) {
  buffers_ = buffers;
  const size_t count = buffers.size();
  best_ = OffsetPlan{};
  best_.lower_bound_bytes = overlapLowerBoundBytes(buffers);
  best_.peak_bytes = std::numeric_limits<int64_t>::max();
  fixed_.clear();
  free_.clear();
  for (size_t i = 0; i < count; ++i) {
    if (buffers[i].size_bytes < 0) throw std::invalid_argument("plan: buffer " + std::to_string(i) + " has a negative size");
    if (buffers[i].first_used > buffers[i].last_used)
      throw std::invalid_argument("plan: buffer " + std::to_string(i) + " ends before it starts");
    (buffers[i].offline_offset >= 0 ? fixed_ : free_).push_back(static_cast<int32_t>(i));
  }
  requireThirtyTwoBitArena(buffers);
  offsets_.assign(count, 0);
  if (!fixed_.empty()) {
    std::vector<PlannerBuffer> only_fixed;
    std::vector<int32_t> only_offsets;
    for (int32_t b : fixed_) {
      only_fixed.push_back(buffers[static_cast<size_t>(b)]);
      only_offsets.push_back(buffers[static_cast<size_t>(b)].offline_offset);
    }
    if (auto conflict = findPlanConflict(only_fixed, only_offsets))
      throw std::invalid_argument("plan: fixed buffers " + std::to_string(fixed_[static_cast<size_t>(conflict->first)]) +
                                  " and " + std::to_string(fixed_[static_cast<size_t>(conflict->second)]) +
                                  " overlap");
  }
  if (count == 0) {
    best_.peak_bytes = 0;
    best_.method = "empty";
    best_.optimal = true;
    return best_;
  }

  // TFLM's own order first (size descending, later buffers first among equal sizes), so
  // the result is never above TFLM's plan.
  order_ = free_;
  std::reverse(order_.begin(), order_.end());
  std::stable_sort(order_.begin(), order_.end(),
                   [&](int32_t a, int32_t b) { return buffers[static_cast<size_t>(a)].size_bytes > buffers[static_cast<size_t>(b)].size_bytes; });
  consider(order_, false, "TFLM greedy (size, first fit)");

  // The busiest time each buffer lives through ("breadth").
  std::vector<int64_t> breadth(count, 0);
  for (size_t i = 0; i < count; ++i) {
    int64_t live = 0;
    for (const PlannerBuffer& b : buffers)
      if (b.first_used <= buffers[i].first_used && buffers[i].first_used <= b.last_used) live += b.size_bytes;
    for (size_t j = 0; j < count; ++j)
      if (overlapInTime(buffers[i], buffers[j]) && buffers[i].first_used >= buffers[j].first_used)
        breadth[j] = std::max(breadth[j], live);
  }
  struct Ordering {
    const char* first_fit;
    const char* best_fit;
    bool (*less)(const PlannerBuffer&, const PlannerBuffer&, int64_t, int64_t);
  };
  static const Ordering orderings[] = {
      {"size, first fit", "size, best fit",
       [](const PlannerBuffer& a, const PlannerBuffer& b, int64_t, int64_t) { return a.size_bytes > b.size_bytes; }},
      {"size then lifetime, first fit", "size then lifetime, best fit",
       [](const PlannerBuffer& a, const PlannerBuffer& b, int64_t, int64_t) {
         if (a.size_bytes != b.size_bytes) return a.size_bytes > b.size_bytes;
         return lifetimeOf(a) > lifetimeOf(b);
       }},
      {"area, first fit", "area, best fit",
       [](const PlannerBuffer& a, const PlannerBuffer& b, int64_t, int64_t) {
         return int64_t{a.size_bytes} * lifetimeOf(a) > int64_t{b.size_bytes} * lifetimeOf(b);
       }},
      {"lifetime, first fit", "lifetime, best fit",
       [](const PlannerBuffer& a, const PlannerBuffer& b, int64_t, int64_t) {
         if (lifetimeOf(a) != lifetimeOf(b)) return lifetimeOf(a) > lifetimeOf(b);
         return a.size_bytes > b.size_bytes;
       }},
      {"start time, first fit", "start time, best fit",
       [](const PlannerBuffer& a, const PlannerBuffer& b, int64_t, int64_t) {
         if (a.first_used != b.first_used) return a.first_used < b.first_used;
         return a.size_bytes > b.size_bytes;
       }},
      {"breadth, first fit", "breadth, best fit",
       [](const PlannerBuffer& a, const PlannerBuffer& b, int64_t breadth_a, int64_t breadth_b) {
         if (breadth_a != breadth_b) return breadth_a > breadth_b;
         return a.size_bytes > b.size_bytes;
       }},
  };
  for (const Ordering& ordering : orderings) {
    if (best_.peak_bytes <= best_.lower_bound_bytes) break;
    order_ = free_;
    std::stable_sort(order_.begin(), order_.end(), [&](int32_t a, int32_t b) {
      return ordering.less(buffers[static_cast<size_t>(a)], buffers[static_cast<size_t>(b)],
                           breadth[static_cast<size_t>(a)], breadth[static_cast<size_t>(b)]);
    });
    consider(order_, false, ordering.first_fit);
    if (best_.peak_bytes <= best_.lower_bound_bytes) break;
    consider(order_, true, ordering.best_fit);
  }
  if (best_.peak_bytes > best_.lower_bound_bytes) localSearch();
  if (best_.peak_bytes > best_.lower_bound_bytes && static_cast<int>(free_.size()) <= options_.exact_max_buffers &&
      free_.size() <= 64)
    branchAndBound();
  if (best_.peak_bytes <= best_.lower_bound_bytes) best_.optimal = true;

  if (auto conflict = findPlanConflict(buffers, best_.offsets_bytes))
    throw std::logic_error("offset planner produced an overlapping plan (buffers " + std::to_string(conflict->first) +
                           " and " + std::to_string(conflict->second) + ")");
  return best_;
}

OffsetPlan planBestOffsets(std::span<const PlannerBuffer> buffers, const OffsetPlannerOptions& options) {
  BestOffsetPlanner planner(options);
  return planner.plan(buffers);
}

}  // namespace tinyforge
