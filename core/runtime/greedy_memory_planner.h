#pragma once
// A reproduction of TFLM's GreedyMemoryPlanner
// (tensorflow/lite/micro/memory_planner/greedy_memory_planner.cc), byte for byte:
//
// 1. Buffers with an offline offset keep it; they are placed first, in the order added.
// 2. The online buffers are listed in REVERSE order of addition and then bubble-sorted
//    by size, descending. The bubble sort only swaps on "strictly smaller", so buffers of
//    equal size keep that reversed order: of two equal buffers, the one added LATER
//    (higher tensor index) is placed first.
// 3. The first buffer of that order goes at offset 0 (unless it is offline).
// 4. Each next buffer walks the already placed buffers in offset order, looking only at
//    those alive at the same time (lifetimes are inclusive: [first, last] overlap when
//    neither ends before the other starts). It takes the first gap, between the end of
//    the previous such buffer and the start of the next, that is >= its size; if there
//    is none it goes right after the last such buffer.
// 5. The head size is max(offset + size) over all buffers.
//
// Sizes given to plan() must already be what TFLM passes (16-byte aligned by CreatePlan).
// plan() allocates nothing once the workspace has grown to the largest buffer count.

#include <cstdint>
#include <span>
#include <string>
#include <stdexcept>
#include <vector>

namespace tinyforge {

struct PlannerBuffer {
  int32_t size_bytes = 0;
  int32_t first_used = 0;  // inclusive
  int32_t last_used = 0;   // inclusive
  int32_t offline_offset = -1;  // -1 = placed by the planner
};

// Offsets are int32 as in TFLM (and on a 32-bit core): the planners refuse buffers that
// could be placed beyond 2^31 - 1 bytes (their sizes plus the highest offline end add up
// beyond it) instead of letting an offset wrap. `buffer` is the largest one, for callers
// to name its tensor.
class ArenaOverflowError : public std::invalid_argument {
 public:
  ArenaOverflowError(int32_t buffer, const std::string& message) : std::invalid_argument(message), buffer(buffer) {}
  int32_t buffer;
};
void requireThirtyTwoBitArena(std::span<const PlannerBuffer> buffers);  // throws ArenaOverflowError

class GreedyMemoryPlanner {
 public:
  // Places every buffer; writes offsets (parallel to buffers) and returns the head size
  // in bytes (0 for no buffers). Throws ArenaOverflowError (requireThirtyTwoBitArena).
  int64_t plan(std::span<const PlannerBuffer> buffers, std::span<int32_t> offsets_bytes);

  // TFLM's planner needs this much scratch per buffer while it plans
  // (sizeof(BufferRequirements) + 2 ints + sizeof(ListEntry) + 1 int, see per_buffer_size()).
  static constexpr int32_t kScratchBytesPerBuffer = 16 + 4 + 4 + 12 + 4;

 private:
  struct Entry {
    int32_t offset;
    int32_t buffer;
    int32_t next;  // index into entries_, -1 = end of list
  };
  std::vector<int32_t> order_;
  std::vector<Entry> entries_;
};

// True when two placed buffers overlap both in time and in address (TFLM's
// DoAnyBuffersOverlap, for tests).
bool anyBuffersOverlap(std::span<const PlannerBuffer> buffers, std::span<const int32_t> offsets_bytes);

}  // namespace tinyforge
