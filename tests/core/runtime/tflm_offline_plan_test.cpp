// TFLM with an offline plan (OfflineMemoryAllocation): the replay takes the model's
// offsets as TFLM does, and the best planner's plan is what TFLM would make of it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/runtime/offline_plan.h"
#include "core/runtime/runtime_model.h"
#include "core/tflite/tflite_reader.h"

namespace tinyforge {
namespace {

const std::string kSharedModels = std::string(TINYFORGE_SHARED_DIR) + "/models/";

// input 1x32x32x8 (8,192 B) -> c1 1x1 conv, 5 ch (5,120 B) -> c2 7 ch (7,168 B) -> c3 7 ch
// (7,168 B). TFLM's lifetimes: input [0,1], c1 [1,2], c2 [2,3], c3 [3,3] (graph output).
// Greedy (size descending, later first among equals): input -> 0; c3 -> 0 (alone in
// time); c2 overlaps c3 -> 7,168; c1 overlaps input [0,8192) and c2 [7168,14336): no gap
// below either -> 14,336. Head 19,456 B.
// Bound: max(8192 + 5120, 5120 + 7168, 7168 + 7168) = 14,336 B. Size order with ties by
// index and first fit: input 0, c2 0, c3 7,168, c1 above input and c2 -> 8,192: peak 14,336.
// (Large enough that the head, not Prepare's temporaries, decides the smallest arena.)
Graph chainGraph(int32_t side = 32) {
  Graph graph;
  graph.name = "chain";
  Node input;
  input.name = "input";
  input.kind = NodeKind::Input;
  input.shape = {1, side, side, 8};
  graph.nodes.push_back(input);
  const char* names[] = {"c1", "c2", "c3"};
  const int32_t channels[] = {5, 7, 7};
  std::string from = "input";
  for (int i = 0; i < 3; ++i) {
    Node conv;
    conv.name = names[i];
    conv.kind = NodeKind::Conv2D;
    conv.inputs = {from};
    conv.out_channels = channels[i];
    graph.nodes.push_back(conv);
    from = names[i];
  }
  return graph;
}

RuntimeEstimate estimateWith(const ShapedGraph& shaped, const TensorModel& model, MemoryPlanner planner,
                             const char* runtime = "tflm") {
  RuntimeEstimate estimate;
  makeRuntimeModel(runtime, ArmIsa::Dsp, planner)->estimate({&shaped, &model, 0}, estimate);
  return estimate;
}

int tensorNamed(const TensorModel& model, const std::string& name) {
  for (size_t t = 0; t < model.tensors.size(); ++t)
    if (model.tensors[t].name == name) return static_cast<int>(t);
  return -1;
}

TEST(TflmOfflinePlan, BestPlannerShipsAPlanTflmReproduces) {
  const ShapedGraph shaped = inferShapes(chainGraph());
  TensorModel model = lower(shaped);
  const RuntimeEstimate greedy = estimateWith(shaped, model, MemoryPlanner::Greedy);
  EXPECT_EQ(greedy.head_bytes, 19456);
  EXPECT_EQ(greedy.greedy_head_bytes, 19456);
  EXPECT_EQ(greedy.head_lower_bound_bytes, 14336);
  EXPECT_FALSE(greedy.plan_optimal);
  EXPECT_TRUE(greedy.offline_offsets_bytes.empty());

  const RuntimeEstimate best = estimateWith(shaped, model, MemoryPlanner::Best);
  EXPECT_EQ(best.head_bytes, 14336);
  EXPECT_EQ(best.greedy_head_bytes, 19456);
  EXPECT_TRUE(best.offline_plan_used);
  EXPECT_TRUE(best.plan_optimal);
  EXPECT_EQ(best.plan_method, "size, first fit");
  ASSERT_EQ(best.offline_offsets_bytes.size(), model.tensors.size());
  EXPECT_EQ(best.offline_offsets_bytes[tensorNamed(model, "input")], 0);
  EXPECT_EQ(best.offline_offsets_bytes[tensorNamed(model, "c1")], 8192);
  EXPECT_EQ(best.offline_offsets_bytes[tensorNamed(model, "c2")], 0);
  EXPECT_EQ(best.offline_offsets_bytes[tensorNamed(model, "c3")], 7168);
  for (size_t t = 0; t < model.tensors.size(); ++t)
    if (model.tensors[t].is_constant) EXPECT_EQ(best.offline_offsets_bytes[t], -1);
  // Only the head moves: the tail and its categories are TFLM's own allocations.
  EXPECT_EQ(best.tail_bytes, greedy.tail_bytes);
  EXPECT_EQ(best.recorded_tail_bytes, greedy.recorded_tail_bytes);
  EXPECT_EQ(best.tail.persistent_buffer_bytes, greedy.tail.persistent_buffer_bytes);

  // The model carrying that plan, as TFLM loads it: the same arena, to the byte.
  for (size_t t = 0; t < model.tensors.size(); ++t) model.tensors[t].offline_offset_bytes = best.offline_offsets_bytes[t];
  const RuntimeEstimate shipped = estimateWith(shaped, model, MemoryPlanner::Greedy);
  EXPECT_EQ(shipped.plan_method, "the model's offline plan");
  EXPECT_EQ(shipped.head_bytes, 14336);
  EXPECT_EQ(shipped.greedy_head_bytes, 19456);  // what TFLM would do without the plan
  EXPECT_EQ(shipped.tail_bytes, best.tail_bytes);
  EXPECT_EQ(shipped.arena_used_bytes, best.arena_used_bytes);
  EXPECT_EQ(shipped.min_arena_bytes, best.min_arena_bytes);
  for (size_t b = 0; b < shipped.buffers.size(); ++b) {
    EXPECT_EQ(shipped.buffers[b].offset_bytes, best.buffers[b].offset_bytes);
    EXPECT_EQ(shipped.buffers[b].offset_bytes, best.offline_offsets_bytes[static_cast<size_t>(shipped.buffers[b].tensor)]);
  }
}

TEST(TflmOfflinePlan, APlanThatDoesNotShrinkTheSmallestArenaIsNotShipped) {
  // The same chain at 4x4: heads 304 B (greedy) and 224 B (best), but the smallest arena
  // is decided by Prepare's and the planner's temporaries, so the plan would only cost
  // Flash. Its offsets are still there for an export that asks for them.
  const ShapedGraph shaped = inferShapes(chainGraph(4));
  const TensorModel model = lower(shaped);
  const RuntimeEstimate greedy = estimateWith(shaped, model, MemoryPlanner::Greedy);
  const RuntimeEstimate best = estimateWith(shaped, model, MemoryPlanner::Best);
  EXPECT_EQ(greedy.head_bytes, 304);
  EXPECT_EQ(best.offline_head_bytes, 224);
  EXPECT_FALSE(best.offline_plan_used);
  EXPECT_EQ(best.head_bytes, 304);
  EXPECT_EQ(best.min_arena_bytes, greedy.min_arena_bytes);
  EXPECT_EQ(best.plan_method, "TFLM greedy (a smaller head would not shrink the smallest arena)");
  EXPECT_EQ(best.offline_offsets_bytes[tensorNamed(model, "c1")], 128);
}

TEST(TflmOfflinePlan, TflmsOwnOffsetsAsAPlanChangeNothing) {
  // micro_allocator.cc passes offline buffers to the same planner with the same
  // AllocationInfo and planner scratch: with its own offsets as the plan, every figure of
  // the arena is what TFLM reports without one.
  for (const char* file : {"kws_micronet_m.tflite", "vww2_50_50_INT8.tflite", "person_detect.tflite"}) {
    SCOPED_TRACE(file);
    const ShapedGraph shaped = inferShapes(importTflite(kSharedModels + file));
    TensorModel model = lower(shaped);
    const RuntimeEstimate plain = estimateWith(shaped, model, MemoryPlanner::Greedy);
    for (const PlannedBuffer& b : plain.buffers)
      if (b.tensor >= 0) model.tensors[static_cast<size_t>(b.tensor)].offline_offset_bytes = b.offset_bytes;
    const RuntimeEstimate planned = estimateWith(shaped, model, MemoryPlanner::Greedy);
    EXPECT_EQ(planned.head_bytes, plain.head_bytes);
    EXPECT_EQ(planned.tail_bytes, plain.tail_bytes);
    EXPECT_EQ(planned.arena_used_bytes, plain.arena_used_bytes);
    EXPECT_EQ(planned.min_arena_bytes, plain.min_arena_bytes);
    EXPECT_EQ(planned.plan_method, "the model's offline plan");
  }
}

TEST(TflmOfflinePlan, APlanOverlappingLiveTensorsIsRefusedWithTheirNames) {
  const ShapedGraph shaped = inferShapes(chainGraph());
  TensorModel model = lower(shaped);
  // c1 [1,2] and c2 [2,3] are both alive at c2's operator; put them on the same bytes.
  model.tensors[tensorNamed(model, "input")].offline_offset_bytes = 0;
  model.tensors[tensorNamed(model, "c1")].offline_offset_bytes = 8192;
  model.tensors[tensorNamed(model, "c2")].offline_offset_bytes = 10240;
  try {
    estimateWith(shaped, model, MemoryPlanner::Greedy);
    FAIL() << "an overlapping plan was accepted";
  } catch (const OfflinePlanError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("'c1' (output of layer 'c1') at bytes [8192, 13312)"), std::string::npos) << message;
    EXPECT_NE(message.find("'c2' (output of layer 'c2') at bytes [10240, 17408)"), std::string::npos) << message;
    EXPECT_NE(message.find("at operator 1 (layer 'c2')"), std::string::npos) << message;
  }
  // The best planner plans anew and does not mind the stale plan.
  EXPECT_EQ(estimateWith(shaped, model, MemoryPlanner::Best).head_bytes, 14336);
  // The inplace runtime has no choice of planner.
  EXPECT_THROW(makeRuntimeModel("lower-bound", ArmIsa::Dsp, MemoryPlanner::Best), std::invalid_argument);
  EXPECT_NE(makeRuntimeModel("tinyforge-c", ArmIsa::Dsp, MemoryPlanner::Best), nullptr) << "plans its own arena with it";
}

}  // namespace
}  // namespace tinyforge
