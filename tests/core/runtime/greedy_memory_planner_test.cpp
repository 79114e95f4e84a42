// Hand-worked plans for TFLM's greedy planner rules (greedy_memory_planner.cc).
#include <gtest/gtest.h>

#include <vector>

#include "core/runtime/greedy_memory_planner.h"

namespace tinyforge {
namespace {

std::vector<int32_t> planOffsets(const std::vector<PlannerBuffer>& buffers, int64_t& head) {
  GreedyMemoryPlanner planner;
  std::vector<int32_t> offsets(buffers.size());
  head = planner.plan(buffers, offsets);
  EXPECT_FALSE(anyBuffersOverlap(buffers, offsets));
  return offsets;
}

TEST(GreedyMemoryPlanner, FirstFitFillsAnEarlierGap) {
  // A 64 [0,0], B 32 [1,1], C 32 [0,1], D 16 [1,1].
  // Order: online buffers reversed (D, C, B, A), then stable sort by size: A, C, B, D.
  // A -> 0. C overlaps A (gap 0 < 32) -> after A: 64.
  // B does not overlap A in time; the first overlapping buffer is C at 64, gap 64 >= 32 -> 0.
  // D overlaps B [0,32) and C [64,96): gap before B is 0, gap between them 32 >= 16 -> 32.
  int64_t head = 0;
  const auto offsets = planOffsets({{64, 0, 0}, {32, 1, 1}, {32, 0, 1}, {16, 1, 1}}, head);
  EXPECT_EQ(offsets, (std::vector<int32_t>{0, 0, 64, 32}));
  EXPECT_EQ(head, 96);
}

TEST(GreedyMemoryPlanner, LifetimesAreInclusive) {
  // 0: 32 [0,1], 1: 48 [1,2], 2: 32 [2,3], 3: 16 [0,3], 4: 48 [3,3].
  // Order: 4 (48), 1 (48; 4 before 1 because equal sizes keep the reversed order), 2, 0, 3.
  // 4 -> 0. 1 shares no time with 4 ([1,2] vs [3,3]) -> 0.
  // 2 [2,3] touches 4 at t=3 and 1 at t=2 (inclusive) -> after both: 48.
  // 0 [0,1] touches only 1 at t=1 -> 48.
  // 3 [0,3] touches all: after 4, 1 (end 48), 2 and 0 (end 80) -> 80.
  int64_t head = 0;
  const auto offsets = planOffsets({{32, 0, 1}, {48, 1, 2}, {32, 2, 3}, {16, 0, 3}, {48, 3, 3}}, head);
  EXPECT_EQ(offsets, (std::vector<int32_t>{48, 0, 48, 80, 0}));
  EXPECT_EQ(head, 96);
}

TEST(GreedyMemoryPlanner, EqualSizesPlaceTheLaterBufferFirst) {
  // TFLM fills the sort array from the back and bubble-sorts it only on "strictly
  // smaller", so of two equal buffers the one added later gets offset 0.
  int64_t head = 0;
  const auto offsets = planOffsets({{32, 0, 1}, {32, 0, 1}}, head);
  EXPECT_EQ(offsets, (std::vector<int32_t>{32, 0}));
  EXPECT_EQ(head, 64);
}

TEST(GreedyMemoryPlanner, OfflineOffsetsArePlacedFirstAndKept) {
  // X is pinned at 100; Y (64, same time) fits in the 100-byte gap below it.
  int64_t head = 0;
  const auto offsets = planOffsets({{32, 0, 1, 100}, {64, 0, 1}}, head);
  EXPECT_EQ(offsets, (std::vector<int32_t>{100, 0}));
  EXPECT_EQ(head, 132);
}

TEST(GreedyMemoryPlanner, NoGapLargeEnoughGoesAfterTheLastOverlappingBuffer) {
  // 80 [0,1] at 0; 16 [5,5] at 0 (no overlap); 48 [1,1] overlaps only the first -> 80.
  int64_t head = 0;
  const auto offsets = planOffsets({{80, 0, 1}, {16, 5, 5}, {48, 1, 1}}, head);
  EXPECT_EQ(offsets, (std::vector<int32_t>{0, 0, 80}));
  EXPECT_EQ(head, 128);
}

TEST(GreedyMemoryPlanner, EmptyPlanHasNoHead) {
  GreedyMemoryPlanner planner;
  std::vector<int32_t> offsets;
  EXPECT_EQ(planner.plan({}, offsets), 0);
}

}  // namespace
}  // namespace tinyforge
