#include "core/runtime/greedy_memory_planner.h"

#include <algorithm>
#include <climits>

namespace tinyforge {
namespace {

bool overlapInTime(const PlannerBuffer& a, int32_t first, int32_t last) {
  return !(a.first_used > last || first > a.last_used);
}

}  // namespace

void requireThirtyTwoBitArena(std::span<const PlannerBuffer> buffers) {
  // Every planned offset is the end of another buffer (or 0, or an offline offset), so no
  // buffer can end beyond the highest offline end plus all the sizes.
  int64_t reach = 0, highest_offline_end = 0;
  int32_t largest = -1;
  for (size_t i = 0; i < buffers.size(); ++i) {
    const PlannerBuffer& b = buffers[i];
    reach += b.size_bytes;
    if (b.offline_offset >= 0) highest_offline_end = std::max(highest_offline_end, int64_t{b.offline_offset} + b.size_bytes);
    if (largest < 0 || b.size_bytes > buffers[static_cast<size_t>(largest)].size_bytes) largest = static_cast<int32_t>(i);
  }
  reach += highest_offline_end;
  if (reach <= INT32_MAX) return;
  throw ArenaOverflowError(largest, "the buffers (" + std::to_string(reach) + " bytes with their offline offsets; the largest " +
                                        std::to_string(buffers[static_cast<size_t>(largest)].size_bytes) +
                                        " bytes) could not be placed within a 32-bit arena");
}

int64_t GreedyMemoryPlanner::plan(std::span<const PlannerBuffer> buffers, std::span<int32_t> offsets_bytes) {
  const int32_t count = static_cast<int32_t>(buffers.size());
  if (count == 0) return 0;
  requireThirtyTwoBitArena(buffers);
  order_.resize(static_cast<size_t>(count));
  entries_.resize(static_cast<size_t>(count));

  // Offline buffers first in their order; online ones filled from the back, which is
  // what makes TFLM's tie-break favour the later buffer.
  int32_t from_head = 0;
  int32_t from_tail = count;
  for (int32_t i = 0; i < count; ++i) {
    if (buffers[i].offline_offset < 0) {
      order_[--from_tail] = i;
      offsets_bytes[i] = -1;
    } else {
      order_[from_head++] = i;
      offsets_bytes[i] = buffers[i].offline_offset;
    }
  }
  // TFLM's ReverseSortInPlace is a bubble sort that swaps only when strictly smaller, so
  // its result is the stable descending order; an insertion sort gives the same with
  // fewer steps (and, unlike std::stable_sort, no allocation).
  for (int32_t i = from_head + 1; i < count; ++i) {
    const int32_t id = order_[i];
    const int32_t size = buffers[id].size_bytes;
    int32_t j = i;
    for (; j > from_head && buffers[order_[j - 1]].size_bytes < size; --j) order_[j] = order_[j - 1];
    order_[j] = id;
  }

  int32_t first_entry = 0;
  int32_t next_free = 1;
  {
    const int32_t id = order_[0];
    if (buffers[id].offline_offset < 0) offsets_bytes[id] = 0;
    entries_[0] = {offsets_bytes[id], id, -1};
  }
  for (int32_t i = 1; i < count; ++i) {
    const int32_t id = order_[i];
    const PlannerBuffer& wanted = buffers[id];
    int32_t candidate = 0;
    if (wanted.offline_offset < 0) {
      int32_t prior = -1;
      while (true) {
        // Next placed buffer (in offset order) that is alive at the same time.
        int32_t next = prior < 0 ? first_entry : entries_[prior].next;
        while (next >= 0 && !overlapInTime(buffers[entries_[next].buffer], wanted.first_used, wanted.last_used)) {
          next = entries_[next].next;
        }
        if (prior >= 0) {
          const int32_t end = entries_[prior].offset + buffers[entries_[prior].buffer].size_bytes;
          if (end > candidate) candidate = end;
        }
        if (next < 0) break;
        if (entries_[next].offset - candidate >= wanted.size_bytes) break;
        prior = next;
      }
    } else {
      candidate = wanted.offline_offset;
    }
    offsets_bytes[id] = candidate;
    const int32_t index = next_free++;
    entries_[index] = {candidate, id, -1};
    // Insert after every entry whose offset is <= candidate.
    if (entries_[first_entry].offset > candidate) {
      entries_[index].next = first_entry;
      first_entry = index;
    } else {
      int32_t current = first_entry;
      while (true) {
        const int32_t next = entries_[current].next;
        if (next < 0) {
          entries_[current].next = index;
          break;
        }
        if (entries_[next].offset > candidate) {
          entries_[index].next = next;
          entries_[current].next = index;
          break;
        }
        current = next;
      }
    }
  }

  int64_t head = 0;
  for (int32_t i = 0; i < count; ++i) {
    const int64_t end = static_cast<int64_t>(offsets_bytes[i]) + buffers[i].size_bytes;
    if (end > head) head = end;
  }
  return head;
}

bool anyBuffersOverlap(std::span<const PlannerBuffer> buffers, std::span<const int32_t> offsets_bytes) {
  for (size_t i = 0; i < buffers.size(); ++i) {
    for (size_t j = i + 1; j < buffers.size(); ++j) {
      const auto& a = buffers[i];
      const auto& b = buffers[j];
      if (!overlapInTime(a, b.first_used, b.last_used)) continue;
      const int64_t a0 = offsets_bytes[i], a1 = a0 + a.size_bytes;
      const int64_t b0 = offsets_bytes[j], b1 = b0 + b.size_bytes;
      if (a0 < b1 && b0 < a1) return true;
    }
  }
  return false;
}

}  // namespace tinyforge
