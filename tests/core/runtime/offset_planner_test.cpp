// The best offset planner against TFLM's greedy planner and the lower bound: hand-worked
// cases, every shared model and bundled graph, and the verifier catching corrupted plans.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include "core/graph/graph_json.h"
#include "core/runtime/offset_planner.h"
#include "core/runtime/runtime_model.h"
#include "core/runtime/tinyforge_c_plan.h"
#include "core/tflite/tflite_reader.h"

namespace tinyforge {
namespace {

const std::string kSharedModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";
const std::string kResourceModels = std::string(TINYFORGE_RESOURCES_DIR) + "/models/";

int64_t greedyHead(const std::vector<PlannerBuffer>& buffers, std::vector<int32_t>* offsets = nullptr) {
  GreedyMemoryPlanner planner;
  std::vector<int32_t> placed(buffers.size());
  const int64_t head = planner.plan(buffers, placed);
  if (offsets) *offsets = placed;
  return head;
}

TEST(OffsetPlanner, LowerBoundIsTheMostBytesAliveAtOneTime) {
  // t0: C = 48; t1, t2: A + B + C = 144; t3: C + D = 112.
  const std::vector<PlannerBuffer> buffers{{48, 1, 2}, {48, 1, 2}, {48, 0, 3}, {64, 3, 3}};
  EXPECT_EQ(overlapLowerBoundBytes(buffers), 144);
  EXPECT_EQ(overlapLowerBoundBytes({}), 0);
}

TEST(OffsetPlanner, ReachesTheBoundWhereTflmsGreedyDoesNot) {
  // A 48 [1,2], B 48 [1,2], C 48 [0,3], D 64 [3,3]; bound 144 (above).
  // TFLM: order D, C, B, A (equal sizes: later first). D -> 0; C overlaps D -> 64;
  // B overlaps only C, gap 64 below it -> 0; A overlaps B [0,48) and C [64,112): the
  // 16-byte gap between them is too small -> 112. Head 160.
  // Size order with ties by index (D, A, B, C), first fit: D 0, A 0, B 48, C above all
  // three (D ends at 64, B at 96) -> 96. Peak 144 = the bound.
  const std::vector<PlannerBuffer> buffers{{48, 1, 2}, {48, 1, 2}, {48, 0, 3}, {64, 3, 3}};
  std::vector<int32_t> greedy;
  EXPECT_EQ(greedyHead(buffers, &greedy), 160);
  EXPECT_EQ(greedy, (std::vector<int32_t>{112, 0, 64, 0}));
  const OffsetPlan plan = planBestOffsets(buffers);
  EXPECT_EQ(plan.peak_bytes, 144);
  EXPECT_EQ(plan.lower_bound_bytes, 144);
  EXPECT_EQ(plan.gap_bytes(), 0);
  EXPECT_TRUE(plan.optimal);
  EXPECT_EQ(plan.offsets_bytes, (std::vector<int32_t>{0, 48, 96, 0}));
  EXPECT_FALSE(findPlanConflict(buffers, plan.offsets_bytes));
}

TEST(OffsetPlanner, FixedOffsetsAreKeptAndTheExactSearchProvesAPeakAboveTheBound) {
  // F (16 B) is pinned at 16 while A (32 B) lives at the same time: the bound is 48 but A
  // fits neither below F (16 B free) nor in between, so the least peak is 32 + 32 = 64,
  // and only the exhaustive search can say so.
  const std::vector<PlannerBuffer> buffers{{16, 0, 0, 16}, {32, 0, 0}};
  const OffsetPlan plan = planBestOffsets(buffers);
  EXPECT_EQ(plan.lower_bound_bytes, 48);
  EXPECT_EQ(plan.offsets_bytes, (std::vector<int32_t>{16, 32}));
  EXPECT_EQ(plan.peak_bytes, 64);
  EXPECT_TRUE(plan.optimal);
  EXPECT_EQ(plan.method, "TFLM greedy (size, first fit)");

  // Fixed buffers that already overlap cannot be planned around.
  EXPECT_THROW(planBestOffsets(std::vector<PlannerBuffer>{{32, 0, 1, 0}, {32, 1, 2, 16}}), std::invalid_argument);
}

// The least peak over every placement order with first fit, by trying them all: the
// exact optimum (see offset_planner.h for why first fit over all orders reaches it).
int64_t exhaustiveOptimum(const std::vector<PlannerBuffer>& buffers) {
  std::vector<int> order(buffers.size());
  std::iota(order.begin(), order.end(), 0);
  int64_t best = INT64_MAX;
  do {
    std::vector<std::pair<int64_t, int64_t>> placed;  // offset, end, with lifetimes below
    std::vector<int> who;
    int64_t peak = 0;
    for (int b : order) {
      std::vector<std::pair<int64_t, int64_t>> taken;
      for (size_t k = 0; k < placed.size(); ++k) {
        const PlannerBuffer& other = buffers[static_cast<size_t>(who[k])];
        if (other.first_used <= buffers[b].last_used && buffers[b].first_used <= other.last_used)
          taken.push_back(placed[k]);
      }
      std::sort(taken.begin(), taken.end());
      int64_t offset = 0;
      for (const auto& [begin, end] : taken) {
        if (offset + buffers[b].size_bytes <= begin) break;
        offset = std::max(offset, end);
      }
      placed.push_back({offset, offset + buffers[b].size_bytes});
      who.push_back(b);
      peak = std::max(peak, offset + buffers[b].size_bytes);
    }
    best = std::min(best, peak);
  } while (std::next_permutation(order.begin(), order.end()));
  return best;
}

TEST(OffsetPlanner, EqualsTheExhaustiveOptimumOnSmallProblems) {
  uint32_t state = 12345;  // xorshift: the same instances everywhere
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  };
  OffsetPlannerOptions no_local_search;
  no_local_search.local_search_steps = 0;  // heuristics, then branch and bound
  for (int trial = 0; trial < 60; ++trial) {
    std::vector<PlannerBuffer> buffers;
    const int count = 3 + static_cast<int>(next() % 5);
    for (int i = 0; i < count; ++i) {
      const int32_t first = static_cast<int32_t>(next() % 5);
      const int32_t last = first + static_cast<int32_t>(next() % (5 - first));
      buffers.push_back({static_cast<int32_t>(16 * (1 + next() % 6)), first, last});
    }
    const int64_t optimum = exhaustiveOptimum(buffers);
    for (const OffsetPlannerOptions& options : {OffsetPlannerOptions{}, no_local_search}) {
      const OffsetPlan plan = planBestOffsets(buffers, options);
      EXPECT_EQ(plan.peak_bytes, optimum) << "trial " << trial;
      EXPECT_TRUE(plan.optimal) << "trial " << trial;
      EXPECT_LE(plan.peak_bytes, greedyHead(buffers));
      EXPECT_FALSE(findPlanConflict(buffers, plan.offsets_bytes));
    }
  }
}

TEST(OffsetPlanner, VerifierCatchesACorruptedPlan) {
  const std::vector<PlannerBuffer> buffers{{48, 1, 2}, {48, 1, 2}, {48, 0, 3}, {64, 3, 3}};
  std::vector<int32_t> offsets = planBestOffsets(buffers).offsets_bytes;  // {0, 48, 96, 0}
  ASSERT_FALSE(findPlanConflict(buffers, offsets));
  // B moved 16 bytes down onto A: both are alive at 1.
  offsets[1] = 32;
  auto conflict = findPlanConflict(buffers, offsets);
  ASSERT_TRUE(conflict);
  EXPECT_EQ(conflict->first, 0);
  EXPECT_EQ(conflict->second, 1);
  EXPECT_EQ(conflict->time, 1);
  // D (alive at 3 only) on top of A (alive 1-2): same bytes, never at the same time.
  offsets[1] = 48;
  offsets[3] = 0;
  EXPECT_FALSE(findPlanConflict(buffers, offsets));
  // D onto C at time 3.
  offsets[3] = 64;
  conflict = findPlanConflict(buffers, offsets);
  ASSERT_TRUE(conflict);
  EXPECT_EQ(conflict->first, 2);
  EXPECT_EQ(conflict->second, 3);
  EXPECT_EQ(conflict->time, 3);
  // A negative offset is no place in the arena.
  offsets[3] = -16;
  conflict = findPlanConflict(buffers, offsets);
  ASSERT_TRUE(conflict);
  EXPECT_EQ(conflict->first, 3);
  EXPECT_EQ(conflict->second, -1);
}

// The head buffers of a model as TFLM plans them (16-aligned tensors and scratch).
std::vector<PlannerBuffer> headBuffers(const Graph& graph, const char* runtime, int64_t* greedy_head) {
  const ShapedGraph shaped = inferShapes(graph);
  const TensorModel model = lower(shaped);
  RuntimeEstimate estimate;
  makeRuntimeModel(runtime, ArmIsa::Dsp)->estimate({&shaped, &model, 0}, estimate);
  std::vector<PlannerBuffer> buffers;
  for (const PlannedBuffer& b : estimate.buffers) buffers.push_back({b.size_bytes, b.first_used, b.last_used});
  *greedy_head = estimate.head_bytes;
  return buffers;
}

std::vector<std::pair<std::string, Graph>> everyModel() {
  std::vector<std::pair<std::string, Graph>> models;
  std::vector<std::filesystem::path> paths;
  for (const auto& dir : {kSharedModels, kResourceModels})
    for (const auto& entry : std::filesystem::directory_iterator(dir)) paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    if (path.extension() == ".tflite") models.emplace_back(path.filename().string(), importTflite(path.string()));
    if (path.extension() == ".json") models.emplace_back(path.filename().string(), loadGraphJson(path.string()));
  }
  return models;
}

TEST(OffsetPlanner, EveryModelsPlanIsValidNeverAboveGreedyAndAtTheBound) {
  // On these (mostly chain-like) graphs TFLM's greedy plan is already at the bound; the
  // best planner must match it, and every plan must pass the verifier.
  const auto models = everyModel();
  ASSERT_GE(models.size(), 22u);  // 10 shared .tflite + 12 bundled graphs
  for (const auto& [name, graph] : models) {
    for (const char* runtime : {"tflm", "tflm-cmsis"}) {
      SCOPED_TRACE(name + " " + runtime);
      int64_t greedy = 0;
      const auto buffers = headBuffers(graph, runtime, &greedy);
      std::vector<int32_t> greedy_offsets;
      greedyHead(buffers, &greedy_offsets);
      EXPECT_FALSE(findPlanConflict(buffers, greedy_offsets));
      const OffsetPlan plan = planBestOffsets(buffers);
      EXPECT_FALSE(findPlanConflict(buffers, plan.offsets_bytes));
      EXPECT_LE(plan.peak_bytes, greedy);
      EXPECT_EQ(plan.peak_bytes, plan.lower_bound_bytes);
      EXPECT_TRUE(plan.optimal);
    }
  }
}

TEST(OffsetPlanner, GeneratedCodesArenaWithTheBestPlannerIsValidAndNeverLarger) {
  // tinyforge-c's own buffers (aliases, in-place operators, 4-byte alignment) planned by
  // either planner.
  for (const auto& [name, graph] : everyModel()) {
    SCOPED_TRACE(name);
    const ShapedGraph shaped = inferShapes(graph);
    const TensorModel model = lower(shaped);
    TinyforgeCPlanOptions options;
    const TinyforgeCPlan greedy = planTinyforgeC(shaped, model, options);
    options.planner = MemoryPlanner::Best;
    const TinyforgeCPlan best = planTinyforgeC(shaped, model, options);
    EXPECT_LE(best.arena_bytes, greedy.arena_bytes);
    EXPECT_GE(best.arena_bytes, best.lower_bound_bytes);
    std::vector<PlannerBuffer> buffers;
    std::vector<int32_t> offsets;
    for (const PlannedBuffer& b : best.buffers) {
      buffers.push_back({b.size_bytes, b.first_used, b.last_used});
      offsets.push_back(b.offset_bytes);
    }
    EXPECT_FALSE(findPlanConflict(buffers, offsets));
  }
}

TEST(OffsetPlanner, IsDeterministic) {
  std::vector<PlannerBuffer> buffers;
  uint32_t state = 99;
  for (int i = 0; i < 40; ++i) {
    state = state * 1664525u + 1013904223u;
    const int32_t first = static_cast<int32_t>((state >> 8) % 30);
    buffers.push_back({static_cast<int32_t>(16 * (1 + (state >> 16) % 40)), first, first + static_cast<int32_t>((state >> 4) % 5)});
  }
  const OffsetPlan a = planBestOffsets(buffers);
  const OffsetPlan b = planBestOffsets(buffers);
  EXPECT_EQ(a.offsets_bytes, b.offsets_bytes);
  EXPECT_EQ(a.method, b.method);
  EXPECT_LE(a.peak_bytes, greedyHead(buffers));
  EXPECT_FALSE(findPlanConflict(buffers, a.offsets_bytes));
}

}  // namespace
}  // namespace tinyforge
